from mcp_gateway.catalog import props

from ..app import ISSUE_FIELDS, app, gql, is_uuid, issue_summary, nodes, team_id, user_id

_LIST = f"""
query Issues($filter: IssueFilter, $first: Int!, $after: String) {{
  issues(filter: $filter, first: $first, after: $after, orderBy: updatedAt) {{
    nodes {{ {ISSUE_FIELDS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}
"""

_STATE_TYPES = ["triage", "backlog", "unstarted", "started", "completed", "canceled"]


@app.action(
    "list-issues",
    title="List Issues",
    description=(
        "List Linear issues, most recently updated first, filtered by team, assignee, status, status type, "
        "project or priority (e.g. \"my started issues in ENG\"). Returns the issues and a cursor for more."
    ),
    props={
        "teamId": app.definition(
            "teamId", optional=True, description="Only this team's issues: its key (e.g. `ENG`), name or ID."
        ),
        "assignee": app.definition(
            "assignee",
            description="Only issues assigned to this person: a user ID (UUID), an email address, or `me`.",
        ),
        "state": props.string(
            "Status Name", "Only issues in the status with this name, e.g. `In Progress`.", optional=True
        ),
        "stateType": props.string(
            "Status Type",
            "Only issues whose status is of this kind: `triage`, `backlog`, `unstarted`, `started`, `completed` or "
            "`canceled`.",
            options=_STATE_TYPES,
            optional=True,
        ),
        "projectId": app.definition(
            "projectId", description="Only issues in this project: its ID (UUID) or its exact name, e.g. `Checkout redesign`."
        ),
        "priority": app.definition("priority", description="Only issues of this priority: 0 none, 1 urgent, 2 high, 3 medium, 4 low."),
        "max": props.integer("Max Results", "The most issues to return (1 to 100).", min=1, max=100, default=25),
        "after": props.string("Cursor", "To get the next page, the `next_cursor` an earlier call returned.", optional=True),
    },
    read_only=True,
)
async def list_issues(ctx):
    filters = {}
    if ctx.props.get("teamId"):
        filters["team"] = {"id": {"eq": await team_id(ctx, ctx.props.teamId)}}
    assignee = ctx.props.get("assignee")
    if assignee:
        if assignee.strip().lower() == "me":
            filters["assignee"] = {"isMe": {"eq": True}}
        else:
            filters["assignee"] = {"id": {"eq": await user_id(ctx, assignee)}}
    state = {}
    if ctx.props.get("state"):
        state["name"] = {"eqIgnoreCase": ctx.props.state}
    if ctx.props.get("stateType"):
        state["type"] = {"eq": ctx.props.stateType}
    if state:
        filters["state"] = state
    if ctx.props.get("projectId"):
        project = ctx.props.projectId
        filters["project"] = {"id": {"eq": project}} if is_uuid(project) else {"name": {"eqIgnoreCase": project}}
    if ctx.props.get("priority") is not None:
        filters["priority"] = {"eq": ctx.props.priority}
    variables = {"filter": filters or None, "first": ctx.props.max, "after": ctx.props.get("after")}
    found = (await gql(ctx, _LIST, variables))["issues"]
    issues = [issue_summary(i) for i in nodes(found)]
    page = found.get("pageInfo") or {}
    ctx.summary = f"Listed {len(issues)} Linear issue{'s' if len(issues) != 1 else ''}"
    return {"issues": issues, "next_cursor": page.get("endCursor") if page.get("hasNextPage") else None}
