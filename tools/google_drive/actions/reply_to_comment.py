from mcp_gateway.catalog import ActionError, props

from ..app import api, app, file_id, reply_summary, seg

_ACTIONS = ["resolve", "reopen"]


@app.action(
    "reply-to-comment",
    title="Reply to Comment",
    description=(
        "Reply to a comment on a Google Drive file, and optionally resolve it (mark it done) or reopen it. Get the "
        "comment's ID from google_drive-list-comments; to start a new comment, use google_drive-add-comment. Returns "
        "the reply."
    ),
    props={
        "fileId": app.definition("fileId"),
        "commentId": app.definition("commentId"),
        "content": props.string(
            "Reply", "The reply's text, e.g. `Fixed, thanks!`. May be empty when resolving or reopening.", optional=True
        ),
        "action": props.string(
            "Resolve or Reopen",
            "`resolve` to mark the comment done, `reopen` to open a resolved one again. Leave empty to only reply.",
            options=_ACTIONS,
            optional=True,
        ),
    },
    trim=reply_summary,
)
async def reply_to_comment(ctx):
    fid, comment = file_id(ctx.props.fileId), str(ctx.props.commentId).strip()
    body = {}
    if ctx.props.get("content"):
        body["content"] = ctx.props.content
    if ctx.props.get("action"):
        if ctx.props.action not in _ACTIONS:
            raise ActionError(f"action {ctx.props.action!r} must be `resolve` or `reopen`")
        body["action"] = ctx.props.action
    if not body:
        raise ActionError("give the reply's content, or an action (`resolve` or `reopen`)")
    reply = await api(
        ctx,
        "POST",
        f"/files/{seg(fid)}/comments/{seg(comment)}/replies",
        params={"fields": "id,content,action,createdTime,author(displayName,emailAddress)"},
        json=body,
    )
    done = {"resolve": " and resolved it", "reopen": " and reopened it"}.get(body.get("action"), "")
    ctx.summary = f"Replied to comment {comment}{done}"
    return reply
