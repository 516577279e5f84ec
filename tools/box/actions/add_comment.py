from mcp_gateway.catalog import ActionError, props

from ..app import api, app, box_id


def comment_summary(comment):
    return {
        "id": comment.get("id"),
        "message": comment.get("message"),
        "created_by": (comment.get("created_by") or {}).get("name"),
        "created_at": comment.get("created_at"),
        "item": comment.get("item"),
    }


@app.action(
    "add-comment",
    title="Add Comment",
    description=(
        "Comment on a Box file, as the file's Comments panel does, or reply to an existing comment. Everyone who can "
        "see the file sees it. Returns the new comment's ID."
    ),
    props={
        "fileId": app.definition("fileId"),
        "message": props.string("Message", "The comment's text."),
        "replyToCommentId": props.string(
            "Reply To", "The ID of a comment on the file to reply to, instead of commenting on the file itself.", optional=True),
    },
    trim=comment_summary,
)
async def add_comment(ctx):
    message = str(ctx.props.message or "").strip()
    if not message:
        raise ActionError("give the comment's text in message")
    if ctx.props.get("replyToCommentId"):
        item = {"type": "comment", "id": box_id(ctx.props.replyToCommentId, "comment")}
    else:
        item = {"type": "file", "id": box_id(ctx.props.fileId)}
    comment = await api(ctx, "POST", "/comments", params={"fields": "id,message,created_by,created_at,item"},
                        json={"message": message, "item": item})
    ctx.summary = f"Commented on file {ctx.props.fileId}"
    return comment
