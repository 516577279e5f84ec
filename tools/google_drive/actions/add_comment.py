from mcp_gateway.catalog import ActionError, props

from ..app import COMMENT_FIELDS, api, app, comment_summary, file_id, seg


@app.action(
    "add-comment",
    title="Add Comment",
    description=(
        "Add a comment to a Google Drive file, shown in the file's comment panel for everyone with access; mention "
        "people with `+name@example.com` to notify them. The comment is on the whole file, not anchored to a passage. "
        "To answer an existing comment use google_drive-reply-to-comment. Returns the new comment's ID."
    ),
    props={
        "fileId": app.definition("fileId"),
        "content": props.string("Comment", "The comment's text, e.g. `Please check the totals in section 2.`"),
    },
    trim=comment_summary,
)
async def add_comment(ctx):
    fid = file_id(ctx.props.fileId)
    if not str(ctx.props.content).strip():
        raise ActionError("the comment is empty; give its text in content")
    comment = await api(
        ctx, "POST", f"/files/{seg(fid)}/comments", params={"fields": COMMENT_FIELDS}, json={"content": ctx.props.content}
    )
    ctx.summary = f"Commented on {fid} (comment {comment.get('id')})"
    return comment
