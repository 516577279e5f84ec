from ..app import app, call


@app.action(
    "get-message-permalink",
    title="Get Message Link",
    description=(
        "Get the permanent link to one Slack message, to share or cite it. Messages from slack-find-message "
        "already carry their permalink."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the message is in, e.g. `C1234567890`."),
        "messageTs": app.definition("messageTs"),
    },
    read_only=True,
)
async def get_message_permalink(ctx):
    data = await call(ctx, "chat.getPermalink", params={"channel": ctx.props.channel, "message_ts": ctx.props.messageTs})
    ctx.summary = f"Got the link to message {ctx.props.messageTs} in {ctx.props.channel}"
    return {"channel": data.get("channel"), "ts": ctx.props.messageTs, "permalink": data.get("permalink")}
