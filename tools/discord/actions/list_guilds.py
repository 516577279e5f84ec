from mcp_gateway.catalog import props

from ..app import api, app, snowflake


@app.action(
    "list-guilds",
    title="List Servers",
    description=(
        "List the Discord servers (guilds) the bot is in, with their IDs, names and approximate member counts. "
        "Up to 200 per call; pass the last ID as `after` for more."
    ),
    props={
        "limit": props.integer("Limit", "How many servers to return, 1 to 200. Defaults to 200.", min=1, max=200, default=200),
        "after": props.string(
            "After Server ID", "Only servers with an ID after this one, for the next page (the last ID returned).", optional=True
        ),
    },
    read_only=True,
)
async def list_guilds(ctx):
    params = {"limit": ctx.props.limit, "with_counts": "true"}
    if ctx.props.get("after"):
        params["after"] = snowflake(ctx.props.after, "after")
    guilds = await api(ctx, "GET", "/users/@me/guilds", params=params)
    out = [
        {
            "id": g.get("id"),
            "name": g.get("name"),
            "owner": g.get("owner"),
            "approximate_member_count": g.get("approximate_member_count"),
            "approximate_presence_count": g.get("approximate_presence_count"),
        }
        for g in guilds
    ]
    more = len(guilds) == ctx.props.limit
    ctx.summary = f"Listed {len(out)} server(s)" + (" (more available)" if more else "")
    return {"guilds": out, "next_after": out[-1]["id"] if more and out else None}
