from mcp_gateway.catalog import props

from ..app import app, comment_options, record_id, request, table_path


@app.action(
    "delete-comment",
    title="Delete Comment",
    description=(
        "Delete a comment from an Airtable record; it cannot be restored. The connected user can delete their own "
        "comments (enterprise admins can delete anyone's). To correct a comment instead, use airtable_oauth-update-comment. "
        "Returns the deleted comment's ID."
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
    },
    destructive=True,
    idempotent=True,
)
async def delete_comment(ctx):
    rec = record_id(ctx.props.recordId)
    path = table_path(ctx.props.baseId, ctx.props.tableId, rec, "comments", ctx.props.rowCommentId)
    data = await request(ctx, "DELETE", path)
    ctx.summary = f"Deleted comment {data.get('id')} from record {rec}"
    return {"id": data.get("id"), "deleted": bool(data.get("deleted"))}
