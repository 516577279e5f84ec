from ..app import app, call


@app.action(
    "pin-message",
    title="Pin Message",
    description=(
        "Pin a message to a Slack channel so it stays in the channel's pinned items. To unpin, use "
        "slack-unpin-message; to see what is pinned, slack-list-pinned-messages."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the message is in, e.g. `C1234567890`."),
        "timestamp": app.definition("messageTs"),
    },
    idempotent=True,
)
async def pin_message(ctx):
    await call(ctx, "pins.add", form={"channel": ctx.props.channel, "timestamp": ctx.props.timestamp})
    ctx.summary = f"Pinned message {ctx.props.timestamp} in {ctx.props.channel}"
    return {"channel": ctx.props.channel, "timestamp": ctx.props.timestamp, "pinned": True}
