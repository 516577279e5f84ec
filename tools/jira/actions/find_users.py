from mcp_gateway.catalog import props

from ..app import app, jira


@app.action(
    "find-users",
    title="Find Users",
    description=(
        "Look up Jira users by name or email to get their account IDs (needed to assign issues or mention people). "
        "With a project, only people who can be assigned issues in it."
    ),
    props={
        "site": app.definition("site"),
        "query": props.string("Name or Email", "Text to match against display names and email addresses, e.g. `ada`."),
        "projectKey": props.string(
            "Assignable In Project", "Only people assignable in this project, e.g. `ENG`.", optional=True
        ),
        "maxResults": props.integer("Max Results", "The most people to return (1 to 100).", min=1, max=100, default=20),
    },
    read_only=True,
)
async def find_users(ctx):
    params = {"query": ctx.props.query, "maxResults": ctx.props.maxResults}
    if ctx.props.get("projectKey"):
        params["project"] = str(ctx.props.projectKey).strip().upper()
        path = "/user/assignable/search"
    else:
        path = "/user/search"
    users = (await jira(ctx, "GET", path, params=params)).json()
    results = [
        {
            "account_id": u.get("accountId"),
            "display_name": u.get("displayName"),
            "email": u.get("emailAddress"),
            "active": u.get("active"),
            "account_type": u.get("accountType"),
        }
        for u in users
    ]
    ctx.summary = f"Found {len(results)} Jira user{'s' if len(results) != 1 else ''} matching {ctx.props.query!r}"
    return results
