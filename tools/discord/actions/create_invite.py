from mcp_gateway.catalog import props

from ..app import api, app, channel_props, invite_summary, snowflake


@app.action(
    "create-invite",
    title="Create Invite",
    description=(
        "Create an invite link to a Discord server channel (e.g. `https://discord.gg/abc123`). Needs the bot's "
        "Create Invite permission. By default the link lasts 24 hours with unlimited uses, and an existing "
        "matching invite may be returned instead of a new one. To post the link, use discord-send-message."
    ),
    props=channel_props(
        maxAgeSeconds=props.integer(
            "Expires After (seconds)",
            "How long the invite works, in seconds: 0 for never, up to 604800 (7 days). Defaults to 86400 (24 hours).",
            min=0,
            max=604800,
            optional=True,
        ),
        maxUses=props.integer(
            "Max Uses", "How many times the invite can be used, 0 for unlimited (the default), up to 100.", min=0, max=100,
            optional=True,
        ),
        temporary=props.boolean(
            "Temporary Membership",
            "`true` grants temporary membership: people who join leave when they disconnect unless given a role.",
            optional=True,
        ),
        unique=props.boolean(
            "Always New",
            "`true` always creates a new invite instead of reusing a similar existing one.",
            optional=True,
        ),
    ),
    trim=invite_summary,
)
async def create_invite(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    body = {}
    for name, field in (("maxAgeSeconds", "max_age"), ("maxUses", "max_uses"), ("temporary", "temporary"), ("unique", "unique")):
        if ctx.props.get(name) is not None:
            body[field] = ctx.props[name]
    invite = await api(ctx, "POST", f"/channels/{channel}/invites", json_body=body)
    code = invite.get("code")
    ctx.summary = f"Created invite discord.gg/{code} to channel {channel}"
    return invite
