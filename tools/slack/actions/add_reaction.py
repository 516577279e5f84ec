from mcp_gateway.catalog import ActionError, props

from ..app import app, call


@app.action(
    "add-reaction",
    title="Add Reaction",
    description=(
        "Add an emoji reaction to a Slack message as the connected user. To take one back, use "
        "slack-remove-reaction; to keep a message at the top of a channel, slack-pin-message."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the message is in, e.g. `C1234567890`."),
        "timestamp": app.definition("messageTs"),
        "name": props.string(
            "Emoji",
            "The emoji's name without colons, e.g. `thumbsup`, `eyes` or `white_check_mark`; a custom emoji of "
            "the workspace works too.",
        ),
    },
    idempotent=True,
)
async def add_reaction(ctx):
    name = ctx.props.name.strip().strip(":")
    if not name:
        raise ActionError("name must be an emoji name such as `thumbsup`")
    await call(ctx, "reactions.add", body={"channel": ctx.props.channel, "timestamp": ctx.props.timestamp, "name": name})
    ctx.summary = f"Added :{name}: to message {ctx.props.timestamp} in {ctx.props.channel}"
    return {"channel": ctx.props.channel, "timestamp": ctx.props.timestamp, "name": name, "added": True}
