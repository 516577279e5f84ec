from mcp_gateway.catalog import props, within

from ..app import ISSUE_FIELDS, app, gql, is_uuid, issue_summary, paged, team_id, user_id

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
        "project, priority or cycle (e.g. \"my started issues in ENG's current cycle\"). Returns the issues and a "
        "cursor for more. To "
        "find issues by words in their text use linear-search-issues."
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
        "cycle": props.string(
            "Cycle",
            "Only issues in this cycle (sprint): `current` for each team's active cycle, or a cycle's ID (UUID) from "
            "linear-list-cycles.",
            optional=True,
        ),
        "limit": props.limit("issues"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("issues", issue_summary),
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
    cycle = (ctx.props.get("cycle") or "").strip()
    if cycle:
        filters["cycle"] = {"isActive": {"eq": True}} if cycle.lower() == "current" else {"id": {"eq": cycle}}
    variables = {"filter": filters or None, "first": ctx.props.limit, "after": ctx.props.get("cursor")}
    page = paged("issues", (await gql(ctx, _LIST, variables))["issues"])
    count = len(page["issues"])
    ctx.summary = f"Listed {count} Linear issue{'s' if count != 1 else ''}"
    return page
