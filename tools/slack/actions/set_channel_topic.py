from mcp_gateway.catalog import props

from ..app import app, call, channel_summary


@app.action(
    "set-channel-topic",
    title="Set Channel Topic",
    description=(
        "Set the topic shown at the top of a Slack channel (what is being discussed now), replacing the old one. "
        "For the channel's lasting description, use slack-set-channel-description instead."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the channel, e.g. `C1234567890`."),
        "topic": props.string("Topic", "The new topic, up to 250 characters; plain text, no formatting. Empty clears it."),
    },
    destructive=True,
    idempotent=True,
    trim=channel_summary,
)
async def set_channel_topic(ctx):
    data = await call(ctx, "conversations.setTopic", form={"channel": ctx.props.channel, "topic": ctx.props.topic})
    ctx.summary = f"Set the topic of {ctx.props.channel}"
    return data.get("channel") or {}
