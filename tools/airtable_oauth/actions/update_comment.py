from mcp_gateway.catalog import ActionError, props

from ..app import app, comment_options, comment_summary, record_id, request, table_path


@app.action(
    "update-comment",
    title="Update Comment",
    description=(
        "Replace the text of a comment on an Airtable record. Only the connected user's own comments can be "
        "changed. To add a new comment use airtable_oauth-create-comment. Returns the comment with its new text."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "recordId": app.definition("recordId"),
        "rowCommentId": props.string(
            "Comment",
            "The comment's ID, starting with `com`, e.g. `comB5z37Mg9zaEPw6`, from airtable_oauth-list-comments. The "
            "choices list the record's comments.",
            options=comment_options,
        ),
        "text": props.string("Text", "The comment's new text; mention someone with `@[usrXXXXXXXXXXXXXX]`."),
    },
    idempotent=True,
    trim=comment_summary,
)
async def update_comment(ctx):
    text = str(ctx.props.text).strip()
    if not text:
        raise ActionError("the comment text is empty; to remove the comment use airtable_oauth-delete-comment")
    rec = record_id(ctx.props.recordId)
    path = table_path(ctx.props.baseId, ctx.props.tableId, rec, "comments", ctx.props.rowCommentId)
    comment = await request(ctx, "PATCH", path, json={"text": text})
    ctx.summary = f"Updated comment {comment.get('id')} on record {rec}"
    return comment
