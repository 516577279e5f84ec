from mcp_gateway.catalog import ActionError, props

from ..app import app, call


@app.action(
    "remove-reaction",
    title="Remove Reaction",
    description=(
        "Take back an emoji reaction the connected user added to a Slack message. To add one, use "
        "slack-add-reaction."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the message is in, e.g. `C1234567890`."),
        "timestamp": app.definition("messageTs"),
        "name": props.string("Emoji", "The emoji's name without colons, e.g. `thumbsup`."),
    },
    destructive=True,
    idempotent=True,
)
async def remove_reaction(ctx):
    name = ctx.props.name.strip().strip(":")
    if not name:
        raise ActionError("name must be an emoji name such as `thumbsup`")
    await call(ctx, "reactions.remove", form={"channel": ctx.props.channel, "timestamp": ctx.props.timestamp, "name": name})
    ctx.summary = f"Removed :{name}: from message {ctx.props.timestamp} in {ctx.props.channel}"
    return {"channel": ctx.props.channel, "timestamp": ctx.props.timestamp, "name": name, "removed": True}
