from mcp_gateway.catalog import ActionError, props

from ..app import ISSUE_FIELDS, app, check_date, gql, is_uuid, issue_ref, issue_summary, state_id, user_id

_UPDATE = f"""
mutation IssueUpdate($id: String!, $input: IssueUpdateInput!) {{
  issueUpdate(id: $id, input: $input) {{ success issue {{ {ISSUE_FIELDS} }} }}
}}
"""


@app.action(
    "update-issue",
    title="Update Issue",
    description=(
        "Change a Linear issue: move it to another status (e.g. `Done`), reassign it, or change its title, "
        "description, priority, labels, project or due date. Fields left empty stay as they are. Returns the "
        "updated issue. To add one label without touching the others, linear-add-label-to-issue is simpler; to "
        "close it out of view, linear-archive-issue."
    ),
    props={
        "issueId": app.definition("issueId"),
        "title": props.string("Title", "A new title, replacing the current one.", optional=True),
        "description": props.string(
            "Description", "A new description in Markdown, replacing the whole current one.", optional=True
        ),
        "stateId": app.definition("stateId"),
        "assignee": app.definition(
            "assignee",
            description="Who to assign: a user ID (UUID), an email address, `me` for the connected user, or `none` to "
            "unassign. The choices list the workspace's people.",
        ),
        "priority": app.definition("priority"),
        "addLabelIds": app.definition(
            "labelIds", label="Add Labels", description="IDs (UUIDs) of labels to add; the issue keeps its other labels."
        ),
        "removeLabelIds": app.definition(
            "labelIds", label="Remove Labels", description="IDs (UUIDs) of labels to take off the issue."
        ),
        "projectId": app.definition("projectId"),
        "dueDate": app.definition("dueDate"),
    },
    destructive=True,
    idempotent=True,
    trim=issue_summary,
)
async def update_issue(ctx):
    issue_id = str(ctx.props.issueId).strip()
    data = {}
    for name in ("title", "description", "projectId"):
        if ctx.props.get(name):
            data[name] = ctx.props[name]
    if ctx.props.get("priority") is not None:
        data["priority"] = ctx.props.priority
    if ctx.props.get("dueDate"):
        data["dueDate"] = check_date(ctx.props.dueDate, "dueDate")
    if ctx.props.get("addLabelIds"):
        data["addedLabelIds"] = list(ctx.props.addLabelIds)
    if ctx.props.get("removeLabelIds"):
        data["removedLabelIds"] = list(ctx.props.removeLabelIds)
    assignee = ctx.props.get("assignee")
    if assignee:
        data["assigneeId"] = None if assignee.strip().lower() == "none" else await user_id(ctx, assignee)
    state = ctx.props.get("stateId")
    if state:
        if is_uuid(state):
            data["stateId"] = state.strip()
        else:
            ref = await issue_ref(ctx, issue_id)
            issue_id = ref["id"]
            data["stateId"] = await state_id(ctx, state, ref["team"]["id"])
    if not data:
        raise ActionError(
            "nothing to change: give at least one of title, description, stateId, assignee, priority, addLabelIds, "
            "removeLabelIds, projectId or dueDate"
        )
    issue = (await gql(ctx, _UPDATE, {"id": issue_id, "input": data}))["issueUpdate"]["issue"]
    changed = ", ".join(sorted(data))
    ctx.summary = f"Updated {changed} of Linear issue {issue['identifier']} (now {(issue.get('state') or {}).get('name')})"
    return issue
