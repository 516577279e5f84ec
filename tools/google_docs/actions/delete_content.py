from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_update, document_id, edit_result


@app.action(
    "delete-content",
    title="Delete Content",
    description=(
        "Delete the text between two positions of a Google Doc (start included, end excluded), as found with "
        "google_docs-get-document. To remove a word or phrase wherever it is, google_docs-replace-text with an empty "
        "replacement is simpler."
    ),
    props={
        "documentId": app.definition("documentId"),
        "startIndex": props.integer("Start Index", "The first character to delete (1 is the start of the body).", min=1),
        "endIndex": props.integer("End Index", "The position after the last character to delete.", min=2),
    },
    destructive=True,
)
async def delete_content(ctx):
    if ctx.props.endIndex <= ctx.props.startIndex:
        raise ActionError("endIndex must be greater than startIndex")
    document = document_id(ctx.props.documentId)
    answer = await batch_update(ctx, document, [{"deleteContentRange": {"range": {
        "startIndex": ctx.props.startIndex, "endIndex": ctx.props.endIndex}}}])
    ctx.summary = f"Deleted characters {ctx.props.startIndex} to {ctx.props.endIndex}"
    return edit_result(document, answer)
