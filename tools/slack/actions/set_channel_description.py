from mcp_gateway.catalog import props

from ..app import app, call, channel_summary


@app.action(
    "set-channel-description",
    title="Set Channel Description",
    description=(
        "Set a Slack channel's description (Slack calls it the purpose: what the channel is for), replacing the "
        "old one. For the current talking point shown at the top, use slack-set-channel-topic instead."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the channel, e.g. `C1234567890`."),
        "purpose": props.string("Description", "The new description, up to 250 characters; plain text. Empty clears it."),
    },
    destructive=True,
    idempotent=True,
    trim=channel_summary,
)
async def set_channel_description(ctx):
    data = await call(ctx, "conversations.setPurpose", form={"channel": ctx.props.channel, "purpose": ctx.props.purpose})
    ctx.summary = f"Set the description of {ctx.props.channel}"
    return data.get("channel") or {}
