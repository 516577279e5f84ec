from mcp_gateway.catalog import props

from ..app import app, batch_update, document_id, edit_result


@app.action(
    "append-text",
    title="Append Text",
    description=(
        "Add text at the end of a Google Doc, e.g. a new section of meeting notes. To put text elsewhere use "
        "google_docs-insert-text; to change existing words, google_docs-replace-text."
    ),
    props={
        "documentId": app.definition("documentId"),
        "text": props.string("Text", "The text to add; start it with a newline to begin a new paragraph."),
    },
)
async def append_text(ctx):
    document = document_id(ctx.props.documentId)
    answer = await batch_update(ctx, document, [{"insertText": {"endOfSegmentLocation": {}, "text": ctx.props.text}}])
    ctx.summary = f"Appended {len(ctx.props.text)} characters"
    return edit_result(document, answer)
