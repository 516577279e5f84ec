from mcp_gateway.catalog import props

from ..app import app, call


@app.action(
    "send-ephemeral-message",
    title="Send Ephemeral Message",
    description=(
        "Show a message in a Slack channel to one member only: it is not kept in the channel's history and "
        "disappears when they reload Slack. The person must be in the channel. For a message everyone sees, "
        "use slack-send-message."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the channel to show it in, e.g. `C1234567890`."),
        "user": app.definition("user", description="Who sees the message: their user ID, e.g. `U024BE7LH`; they must be in the channel."),
        "text": props.string("Text", "The message, in Slack's mrkdwn."),
        "threadTs": props.string(
            "Thread Timestamp", "To show it in a thread, the `ts` of the thread's parent message.", optional=True
        ),
    },
)
async def send_ephemeral_message(ctx):
    form = {"channel": ctx.props.channel, "user": ctx.props.user, "text": ctx.props.text}
    if ctx.props.get("threadTs"):
        form["thread_ts"] = ctx.props.threadTs
    data = await call(ctx, "chat.postEphemeral", form=form)
    ctx.summary = f"Showed a message to {ctx.props.user} in {ctx.props.channel}"
    return {"channel": ctx.props.channel, "user": ctx.props.user, "message_ts": data.get("message_ts")}
