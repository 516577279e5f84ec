from mcp_gateway.catalog import props

from ..app import app, batch_update, document_id, edit_result


@app.action(
    "insert-text",
    title="Insert Text",
    description=(
        "Insert text at a position in a Google Doc. Positions come from google_docs-get-document (a heading's `index`, "
        "or 1 for the very start). To add at the end, google_docs-append-text needs no position."
    ),
    props={
        "documentId": app.definition("documentId"),
        "text": props.string("Text", "The text to insert."),
        "index": props.integer("Index", "Where to insert, counted in characters from the start of the body (1 is the start).", min=1),
    },
)
async def insert_text(ctx):
    document = document_id(ctx.props.documentId)
    answer = await batch_update(ctx, document, [{"insertText": {"location": {"index": ctx.props.index}, "text": ctx.props.text}}])
    ctx.summary = f"Inserted {len(ctx.props.text)} characters at {ctx.props.index}"
    return edit_result(document, answer)
