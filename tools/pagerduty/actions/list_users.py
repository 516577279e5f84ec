from mcp_gateway.catalog import props, within

from ..app import app, collect, user_summary


@app.action(
    "list-users",
    title="List Users",
    description=(
        "List the users of the PagerDuty account with their IDs, emails, roles and teams, optionally those whose name "
        "or email matches some text. A user's `id` assigns incidents in pagerduty-create-incident and "
        "pagerduty-update-incident."
    ),
    props={
        "query": props.string("Search", "Only users whose name or email contains this text.", optional=True),
        "teamIds": app.definition("teamIds"),
        "limit": props.limit("users"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("users", user_summary),
)
async def list_users(ctx):
    params = {"query": ctx.props.query} if ctx.props.get("query") else {}
    if ctx.props.get("teamIds"):
        params["team_ids[]"] = list(ctx.props.teamIds)
    users, cursor = await collect(ctx, "/users", "users", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                  params=params)
    ctx.summary = f"Listed {len(users)} user{'s' if len(users) != 1 else ''}"
    return {"users": users, "next_cursor": cursor}
