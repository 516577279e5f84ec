from mcp_gateway.catalog import props, within

from ..app import app, collect, user_summary


@app.action(
    "list-users",
    title="List Users",
    description=(
        "List the people and bots of the Notion workspace, with each one's ID, name and (for people) email. "
        "Use a person's ID for `people` properties; for one user by ID use notion-retrieve-user, and for the "
        "connection's own bot notion-get-current-user."
    ),
    props={"limit": props.limit("users"), "cursor": props.cursor()},
    read_only=True,
    trim=within("users", user_summary),
)
async def list_users(ctx):
    users, following = await collect(ctx, "GET", "/users", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(users)} user{'s' if len(users) != 1 else ''}{more}"
    return {"users": users, "next_cursor": following}
