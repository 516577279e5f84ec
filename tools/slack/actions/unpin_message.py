from ..app import app, call


@app.action(
    "unpin-message",
    title="Unpin Message",
    description=(
        "Unpin a message from a Slack channel; the message itself stays. Pinned messages are listed by "
        "slack-list-pinned-messages."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the message is in, e.g. `C1234567890`."),
        "timestamp": app.definition("messageTs"),
    },
    idempotent=True,
)
async def unpin_message(ctx):
    await call(ctx, "pins.remove", form={"channel": ctx.props.channel, "timestamp": ctx.props.timestamp})
    ctx.summary = f"Unpinned message {ctx.props.timestamp} in {ctx.props.channel}"
    return {"channel": ctx.props.channel, "timestamp": ctx.props.timestamp, "pinned": False}
