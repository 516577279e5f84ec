from mcp_gateway.catalog import props, within

from ..app import app, start_at_page, user_summary


@app.action(
    "find-users",
    title="Find Users",
    description=(
        "Look up Jira users by name or email to get their account IDs (needed to assign issues, add watchers or "
        "mention people). With a project, only people who can be assigned issues in it. For the connected user "
        "use jira-get-current-user. Returns `users` and a `next_cursor` when more match."
    ),
    props={
        "site": app.definition("site"),
        "query": props.string("Name or Email", "Text to match against display names and email addresses, e.g. `ada`."),
        "projectKey": props.string(
            "Assignable In Project", "Only people assignable in this project, e.g. `ENG`.", optional=True
        ),
        "limit": props.limit("users"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("users", user_summary),
)
async def find_users(ctx):
    params = {"query": ctx.props.query}
    if ctx.props.get("projectKey"):
        params["project"] = str(ctx.props.projectKey).strip().upper()
        path = "/user/assignable/search"
    else:
        path = "/user/search"
    users, next_cursor = await start_at_page(ctx, path, None, params)
    ctx.summary = f"Found {len(users)} Jira user{'s' if len(users) != 1 else ''} matching {ctx.props.query!r}"
    return {"users": users, "next_cursor": next_cursor}
