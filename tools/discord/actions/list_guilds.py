from mcp_gateway.catalog import props, within

from ..app import app, collect_after, guild_summary

# Discord returns at most 200 servers a page.
_PAGE_MAX = 200


@app.action(
    "list-guilds",
    title="List Servers",
    description=(
        "List the Discord servers (guilds) the bot is in, with their IDs, names and approximate member counts, "
        "and a `next_cursor` when more exist. Use an ID as `guildId` in discord-list-channels or "
        "discord-list-members."
    ),
    props={"limit": props.limit("servers"), "cursor": props.cursor()},
    read_only=True,
    trim=within("guilds", guild_summary),
)
async def list_guilds(ctx):
    guilds, following = await collect_after(
        ctx, "/users/@me/guilds", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), page_max=_PAGE_MAX,
        params={"with_counts": "true"},
    )
    ctx.summary = f"Listed {len(guilds)} server(s)" + (" (more available)" if following else "")
    return {"guilds": guilds, "next_cursor": following}
