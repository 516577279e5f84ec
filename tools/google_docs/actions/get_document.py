from ..app import api, app, document_id, document_summary, seg


@app.action(
    "get-document",
    title="Get Document",
    description=(
        "Read a Google Doc: its title, its whole text (tables as `a | b` rows) and its headings with their positions. "
        "The `end_index` and heading `index` values are what google_docs-insert-text and google_docs-delete-content take. "
        "With Full Response, the document's complete structure with styles."
    ),
    props={"documentId": app.definition("documentId")},
    read_only=True,
    trim=document_summary,
)
async def get_document(ctx):
    document = await api(ctx, "GET", f"/documents/{seg(document_id(ctx.props.documentId))}")
    ctx.summary = f"Read the document {document.get('title')!r}"
    return document
