import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, call, channel_summary

_NAME = re.compile(r"^[a-z0-9_-]{1,80}$")


@app.action(
    "create-channel",
    title="Create Channel",
    description=(
        "Create a public or private Slack channel; the connected user becomes its first member. Returns the new "
        "channel's ID. Then add people with slack-invite-user-to-channel and describe it with "
        "slack-set-channel-topic or slack-set-channel-description. To enter an existing channel, use "
        "slack-join-channel instead."
    ),
    props={
        "name": props.string(
            "Name",
            "The channel name without `#`: up to 80 lowercase letters, digits, hyphens and underscores, e.g. "
            "`release-planning`.",
        ),
        "isPrivate": props.boolean("Private", "`true` makes a private channel that only invited people see.", default=False),
    },
    trim=channel_summary,
)
async def create_channel(ctx):
    name = ctx.props.name.strip().lstrip("#")
    if not _NAME.match(name):
        raise ActionError(
            f"channel name {name!r} must be 1 to 80 lowercase letters, digits, hyphens or underscores, e.g. `release-planning`"
        )
    data = await call(ctx, "conversations.create", form={"name": name, "is_private": str(ctx.props.isPrivate).lower()})
    channel = data.get("channel") or {}
    kind = "private channel" if channel.get("is_private") else "channel"
    ctx.summary = f"Created {kind} #{channel.get('name')} ({channel.get('id')})"
    return channel
