from mcp_gateway.catalog import props

from ..app import api, app, batch_update


def _created(document):
    return {"document_id": document.get("documentId"), "title": document.get("title"),
            "url": f"https://docs.google.com/document/d/{document.get('documentId')}/edit"}


@app.action(
    "create-document",
    title="Create Document",
    description=(
        "Create a new Google Doc in the user's Drive, optionally with text in it. To start from an existing document "
        "with `{{placeholders}}` use google_docs-create-document-from-template instead."
    ),
    props={
        "title": props.string("Title", "The new document's title."),
        "text": props.string("Text", "Plain text to put in the document; newlines start new paragraphs.", optional=True),
    },
    trim=_created,
)
async def create_document(ctx):
    document = await api(ctx, "POST", "/documents", json={"title": ctx.props.title})
    if ctx.props.get("text"):
        await batch_update(ctx, document["documentId"], [{"insertText": {"location": {"index": 1}, "text": ctx.props.text}}])
    ctx.summary = f"Created the document {ctx.props.title!r}"
    return document
