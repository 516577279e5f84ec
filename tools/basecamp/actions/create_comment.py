from mcp_gateway.catalog import props

from ..app import app, call, recording_summary


@app.action(
    "create-comment",
    title="Create Comment",
    description=(
        "Comment on a Basecamp to-do, message, document or other item (a recording). The people following it are "
        "notified. To start a new thread on the message board use basecamp-create-message."
    ),
    props={
        "accountId": app.definition("accountId"),
        "projectId": app.definition("projectId"),
        "recordingId": props.string("Item", "The ID of the to-do, message or document to comment on: the `id` from "
                                    "basecamp-list-todos or basecamp-create-message, or the number at the end of the "
                                    "item's URL."),
        "content": props.string("Comment", "The comment; plain text or Basecamp's rich-text HTML."),
    },
    trim=recording_summary,
)
async def create_comment(ctx):
    comment = await call(ctx, "POST", f"/buckets/{ctx.props.projectId}/recordings/{ctx.props.recordingId}/comments.json",
                         json={"content": ctx.props.content})
    title = (comment.get("parent") or {}).get("title")
    ctx.summary = f"Commented on {title!r}" if title else f"Commented on the item {ctx.props.recordingId}"
    return comment
