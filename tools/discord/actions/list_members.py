from mcp_gateway.catalog import props, within

from ..app import app, collect_after, member_summary, snowflake

# Discord returns at most 1,000 members a page.
_PAGE_MAX = 1000


@app.action(
    "list-members",
    title="List Server Members",
    description=(
        "List members of a Discord server: user ID, username, display name, server nickname, role IDs and join "
        "date, ordered by user ID, with a `next_cursor` when more exist. Needs the bot's Server Members Intent "
        "(Developer Portal → Bot → Privileged Gateway Intents). For one user's profile, use discord-get-user."
    ),
    props={
        "guildId": app.definition("guildId"),
        "limit": props.limit("members", default=100, maximum=1000),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("members", member_summary),
)
async def list_members(ctx):
    guild = snowflake(ctx.props.guildId, "guildId")
    members, following = await collect_after(
        ctx, f"/guilds/{guild}/members", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), page_max=_PAGE_MAX,
        key=lambda member: (member.get("user") or {}).get("id"),
    )
    ctx.summary = f"Listed {len(members)} member(s) of server {guild}" + (" (more available)" if following else "")
    return {"members": members, "next_cursor": following}
