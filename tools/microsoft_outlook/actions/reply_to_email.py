from mcp_gateway.catalog import ActionError, props

from ..app import app, graph, seg


@app.action(
    "reply-to-email",
    title="Reply to Email",
    description=(
        "Reply to an email in the connected user's mailbox, to its sender or to everyone on it. The original "
        "message is quoted below the reply, which is saved in Sent Items. To send it on to someone else use "
        "microsoft_outlook-forward-email."
    ),
    props={
        "messageId": app.definition("messageId"),
        "comment": props.string(
            "Reply", "The reply's text, which goes above the quoted original. Simple HTML such as `<b>` is allowed."
        ),
        "replyAll": props.boolean(
            "Reply All", "`true` replies to the sender and every other recipient; `false` (the default) only to the sender.",
            default=False,
        ),
    },
)
async def reply_to_email(ctx):
    if not ctx.props.comment.strip():
        raise ActionError("the reply is empty; give some text")
    action = "replyAll" if ctx.props.replyAll else "reply"
    await graph(ctx, "POST", f"/me/messages/{seg(ctx.props.messageId)}/{action}", json_body={"comment": ctx.props.comment})
    ctx.summary = f"Replied{' to all' if ctx.props.replyAll else ''} to message {ctx.props.messageId[:24]}..."
    return {"replied": True, "replyAll": ctx.props.replyAll, "messageId": ctx.props.messageId}
