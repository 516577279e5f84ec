from mcp_gateway.catalog import props

from ..app import ISSUE_FIELDS, app, check_date, gql, is_uuid, issue_ref, issue_summary, state_id, team_id, user_id

_CREATE = f"""
mutation IssueCreate($input: IssueCreateInput!) {{
  issueCreate(input: $input) {{ success issue {{ {ISSUE_FIELDS} }} }}
}}
"""


@app.action(
    "create-issue",
    title="Create Issue",
    description=(
        "Create a Linear issue in a team, optionally with a description, assignee, status, priority, labels, "
        "project, due date or parent issue. Returns the new issue's identifier (e.g. `ENG-123`), URL and fields. "
        "To change an existing issue use linear-update-issue."
    ),
    props={
        "teamId": app.definition("teamId"),
        "title": props.string("Title", "The issue title: one line saying what the issue is about."),
        "description": props.string("Description", "The issue description in Markdown.", optional=True),
        "assignee": app.definition("assignee"),
        "stateId": app.definition("stateId"),
        "priority": app.definition("priority"),
        "labelIds": app.definition("labelIds"),
        "projectId": app.definition("projectId"),
        "dueDate": app.definition("dueDate"),
        "parentId": props.string(
            "Parent Issue", "Make this a sub-issue of another issue: its identifier (e.g. `ENG-100`) or ID.", optional=True
        ),
    },
    trim=issue_summary,
)
async def create_issue(ctx):
    team = await team_id(ctx, ctx.props.teamId)
    data = {"teamId": team, "title": ctx.props.title}
    if ctx.props.get("description"):
        data["description"] = ctx.props.description
    if ctx.props.get("assignee"):
        data["assigneeId"] = await user_id(ctx, ctx.props.assignee)
    if ctx.props.get("stateId"):
        data["stateId"] = await state_id(ctx, ctx.props.stateId, team)
    if ctx.props.get("priority") is not None:
        data["priority"] = ctx.props.priority
    if ctx.props.get("labelIds"):
        data["labelIds"] = list(ctx.props.labelIds)
    if ctx.props.get("projectId"):
        data["projectId"] = ctx.props.projectId
    if ctx.props.get("dueDate"):
        data["dueDate"] = check_date(ctx.props.dueDate, "dueDate")
    if ctx.props.get("parentId"):
        parent = ctx.props.parentId
        data["parentId"] = parent if is_uuid(parent) else (await issue_ref(ctx, parent))["id"]
    issue = (await gql(ctx, _CREATE, {"input": data}))["issueCreate"]["issue"]
    ctx.summary = f"Created Linear issue {issue['identifier']}: {issue.get('title')}"
    return issue
