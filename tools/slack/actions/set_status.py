import json

from mcp_gateway.catalog import props

from ..app import app, call


def _status(data):
    profile = data.get("profile") or {}
    return {k: profile.get(k) for k in ("status_text", "status_emoji", "status_expiration")}


@app.action(
    "set-status",
    title="Set Status",
    description=(
        "Set the connected user's Slack status: the text and emoji shown beside their name, optionally until a "
        "given time. Empty text and emoji clear it. This changes only the status; other people's profiles are "
        "read with slack-get-user."
    ),
    props={
        "statusText": props.string("Status Text", "Up to 100 characters, e.g. `In a meeting`. Empty clears it.", optional=True, default=""),
        "statusEmoji": props.string(
            "Status Emoji", "An emoji with colons, e.g. `:calendar:`. Empty clears it.", optional=True, default=""
        ),
        "statusExpiration": props.integer(
            "Clear At",
            "When Slack clears the status, as a Unix time in seconds, e.g. `1767261600`; 0 or empty keeps it until changed.",
            optional=True,
            default=0,
            min=0,
        ),
    },
    destructive=True,
    idempotent=True,
    trim=_status,
)
async def set_status(ctx):
    emoji = ctx.props.statusEmoji.strip()
    if emoji and not (emoji.startswith(":") and emoji.endswith(":")):
        emoji = f":{emoji.strip(':')}:"
    profile = {"status_text": ctx.props.statusText, "status_emoji": emoji, "status_expiration": ctx.props.statusExpiration}
    data = await call(ctx, "users.profile.set", form={"profile": json.dumps(profile)})
    shown = " ".join(part for part in (emoji, ctx.props.statusText) if part)
    ctx.summary = f"Set the status to {shown}" if shown else "Cleared the status"
    return data
