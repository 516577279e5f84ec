from mcp_gateway.catalog import each

from ..app import app, jira, named_summary


@app.action(
    "list-issue-types",
    title="List Issue Types",
    description=(
        "List the issue types (Task, Bug, Story, Epic, Subtask...) of one Jira project, or every type the user can "
        "see on the site, with IDs, names and whether each is a subtask type. Use a type's name in "
        "jira-create-issue."
    ),
    props={
        "site": app.definition("site"),
        "projectKey": app.definition(
            "projectKey", optional=True,
            description="Only the issue types of this project, by key, e.g. `ENG`. Leave empty for all types on the site.",
        ),
    },
    read_only=True,
    trim=each(named_summary),
)
async def list_issue_types(ctx):
    if ctx.props.get("projectKey"):
        key = str(ctx.props.projectKey).strip().upper()
        types = (await jira(ctx, "GET", f"/project/{key}")).json().get("issueTypes") or []
        where = f"Jira project {key}"
    else:
        types = (await jira(ctx, "GET", "/issuetype")).json()
        where = "the Jira site"
    ctx.summary = f"{where} has {len(types)} issue types: {', '.join(str(t.get('name')) for t in types)}"
    return types
