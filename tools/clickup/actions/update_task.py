from mcp_gateway.catalog import ActionError, props

from ..app import PRIORITIES, api, app, has_time, pickers, task_summary, to_ms


@app.action(
    "update-task",
    title="Update Task",
    description=(
        "Change a ClickUp task's name, description, status, priority, dates or assignees; fields left empty stay as "
        "they are. Use it to close a task too (set a closed status such as `complete`). To add a comment instead, use "
        "clickup-create-comment."
    ),
    props={
        **pickers("workspaceId", "spaceId", "folderId", "listId"),
        "taskId": app.definition("taskId"),
        "name": props.string("Name", "The new name.", optional=True),
        "description": props.string("Description", "The new description (replaces the old one); a single space "
                                    "clears it.", optional=True),
        "status": props.string("Status", "The new status, one of the space's (see clickup-list-spaces), e.g. "
                               "`in progress`.", optional=True),
        "priority": props.integer("Priority", "1 Urgent, 2 High, 3 Normal, 4 Low.", options=PRIORITIES, optional=True),
        "dueDate": props.string("Due Date", "The new due date, `2026-12-24` or `2026-12-24T17:00:00Z`.", optional=True),
        "startDate": props.string("Start Date", "The new start date, in the same forms.", optional=True),
        "addAssignees": props.integer_list("Add Assignees", "User IDs to add as assignees.", optional=True),
        "removeAssignees": props.integer_list("Remove Assignees", "User IDs to take off the task.", optional=True),
        "archived": props.boolean("Archived", "Archive (true) or unarchive (false) the task.", optional=True),
    },
    idempotent=True,
    trim=task_summary,
)
async def update_task(ctx):
    body = {field: ctx.props[field] for field in ("name", "description", "status", "priority")
            if ctx.props.get(field) not in (None, "")}
    for prop, field in (("dueDate", "due_date"), ("startDate", "start_date")):
        if ctx.props.get(prop):
            body[field] = to_ms(ctx.props[prop], prop)
            body[f"{field}_time"] = has_time(ctx.props[prop])
    if ctx.props.get("addAssignees") or ctx.props.get("removeAssignees"):
        body["assignees"] = {"add": list(ctx.props.get("addAssignees") or []),
                             "rem": list(ctx.props.get("removeAssignees") or [])}
    if ctx.props.get("archived") is not None:
        body["archived"] = bool(ctx.props.archived)
    if not body:
        raise ActionError("nothing to change: give a name, description, status, priority, date, assignees or archived")
    task = await api(ctx, "PUT", f"/task/{ctx.props.taskId}", json=body)
    ctx.summary = f"Updated the task {task.get('name')!r}"
    return task
