from mcp_gateway.catalog import props

from ..app import api, app, snowflake, user_summary


@app.action(
    "list-members",
    title="List Server Members",
    description=(
        "List members of a Discord server: user ID, username, display name, server nickname, role IDs and join "
        "date, ordered by user ID. Up to 1,000 per call; pass the last user ID as `after` for more. Needs the "
        "bot's Server Members Intent (Developer Portal → Bot → Privileged Gateway Intents)."
    ),
    props={
        "guildId": app.definition("guildId"),
        "limit": props.integer("Limit", "How many members to return, 1 to 1000. Defaults to 100.", min=1, max=1000, default=100),
        "after": props.string(
            "After User ID", "Only members whose user ID comes after this one, for the next page (the last ID returned).",
            optional=True,
        ),
    },
    read_only=True,
)
async def list_members(ctx):
    guild = snowflake(ctx.props.guildId, "guildId")
    params = {"limit": ctx.props.limit}
    if ctx.props.get("after"):
        params["after"] = snowflake(ctx.props.after, "after")
    members = await api(ctx, "GET", f"/guilds/{guild}/members", params=params)
    out = []
    for member in members:
        entry = user_summary(member.get("user"))
        entry.update({"nick": member.get("nick"), "roles": member.get("roles") or [], "joined_at": member.get("joined_at")})
        out.append(entry)
    more = len(members) == ctx.props.limit
    ctx.summary = f"Listed {len(out)} member(s) of server {guild}" + (" (more available)" if more else "")
    return {"members": out, "next_after": out[-1]["id"] if more and out else None}
