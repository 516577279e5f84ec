from mcp_gateway.catalog import ActionError, props

from ..app import api, app, date_or_error, issue_summary, project_path, project_url


@app.action(
    "update-issue",
    title="Update Issue",
    description=(
        "Change an existing GitLab issue: close or reopen it, replace its title or description, add or remove "
        "labels, reassign it or set its due date. Fields left empty stay as they are. Returns the updated issue. To open a new "
        "issue use gitlab-create-issue; to discuss one, gitlab-add-comment."
    ),
    props={
        "project": app.definition("project"),
        "issueIid": app.definition("issueIid"),
        "stateEvent": props.string(
            "State Change",
            "`close` to close the issue or `reopen` to reopen it. Leave empty to keep its state.",
            options=["close", "reopen"],
            optional=True,
        ),
        "title": props.string("Title", "A new title, replacing the current one.", optional=True),
        "description": props.string(
            "Description", "A new description in GitLab Flavored Markdown, replacing the whole current one.", optional=True
        ),
        "addLabels": app.definition("labels", label="Add Labels", description="Label names to add, e.g. `[\"bug\"]`; other labels stay."),
        "removeLabels": app.definition(
            "labels", label="Remove Labels", description="Label names to take off the issue, e.g. `[\"needs triage\"]`."
        ),
        "assigneeIds": app.definition(
            "assigneeIds",
            description="Numeric user IDs of project members to assign, replacing the current assignees, e.g. `[12345]`. "
            "Pass `[0]` to unassign everyone.",
        ),
        "dueDate": props.string("Due Date", "A new due date as YYYY-MM-DD, e.g. `2024-06-30`.", optional=True),
    },
    destructive=True,
    idempotent=True,
    trim=issue_summary,
)
async def update_issue(ctx):
    body = {}
    for name, field in (("stateEvent", "state_event"), ("title", "title"), ("description", "description")):
        if ctx.props.get(name) not in (None, ""):
            body[field] = ctx.props[name]
    if body.get("state_event") not in (None, "close", "reopen"):
        raise ActionError(f"stateEvent {body['state_event']!r} must be `close` or `reopen`")
    if ctx.props.get("addLabels"):
        body["add_labels"] = ",".join(ctx.props.addLabels)
    if ctx.props.get("removeLabels"):
        body["remove_labels"] = ",".join(ctx.props.removeLabels)
    if ctx.props.get("assigneeIds") is not None and ctx.props.get("assigneeIds") != []:
        body["assignee_ids"] = list(ctx.props.assigneeIds)
    if ctx.props.get("dueDate"):
        body["due_date"] = date_or_error(ctx.props.dueDate, "dueDate")
    if not body:
        raise ActionError(
            "nothing to change: give at least one of stateEvent, title, description, addLabels, removeLabels, "
            "assigneeIds or dueDate"
        )
    path = f"{project_url(ctx.props.project)}/issues/{ctx.props.issueIid}"
    issue = (await api(ctx, "PUT", path, json=body)).json()
    ctx.summary = f"Updated issue #{issue['iid']} in {project_path(ctx.props.project)} (now {issue.get('state')})"
    return issue
