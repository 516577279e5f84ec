from mcp_gateway.catalog import props, within

from ..app import app, collect, plural, user_summary


@app.action(
    "list-users",
    title="List Users",
    description=(
        "List the people (and bots) in the Slack workspace with their user IDs, names, emails, titles and time "
        "zones, deactivated accounts included (`deleted: true`). With an email address, "
        "slack-find-user-by-email finds one person directly; with an ID, slack-get-user."
    ),
    props={"limit": props.limit("users"), "cursor": props.cursor()},
    read_only=True,
    trim=within("users", user_summary),
)
async def list_users(ctx):
    users, following = await collect(ctx, "users.list", "members", {}, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {plural(len(users), 'user')}{more}"
    return {"users": users, "next_cursor": following}
