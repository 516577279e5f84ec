from mcp_gateway.catalog import props

from ..app import app, call


def _updated(data):
    return {"channel": data.get("channel"), "ts": data.get("ts"), "text": data.get("text")}


@app.action(
    "update-message",
    title="Update Message",
    description=(
        "Replace the text of a message the connected user sent earlier; the old text is overwritten. Returns "
        "the channel, the message's `ts` and its new text. To add to a conversation instead, use "
        "slack-send-message (with threadTs to reply); to remove a message, slack-delete-message."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the message is in, e.g. `C1234567890`."),
        "ts": app.definition("messageTs"),
        "text": props.string("Text", "The new message text, in Slack's mrkdwn; it replaces the whole old text."),
    },
    destructive=True,
    idempotent=True,
    trim=_updated,
)
async def update_message(ctx):
    body = {"channel": ctx.props.channel, "ts": ctx.props.ts, "text": ctx.props.text}
    data = await call(ctx, "chat.update", body=body)
    ctx.summary = f"Updated message {data.get('ts')} in {data.get('channel')}"
    return data
