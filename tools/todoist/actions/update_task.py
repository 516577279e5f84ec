from mcp_gateway.catalog import ActionError, props

from ..app import api, app, due_fields, seg, task_summary


@app.action(
    "update-task",
    title="Update Task",
    description=(
        "Change a Todoist task's content, description, labels, priority or due date; what is left empty stays as it "
        "is. Labels given replace the task's labels. To tick it off use todoist-complete-task; to remove it, "
        "todoist-delete-task."
    ),
    props={
        "taskId": app.definition("taskId"),
        "content": props.string("Content", "The new task text.", optional=True),
        "description": props.string("Description", "The new description.", optional=True),
        "labels": app.definition("labels", description="The task's labels after the change, by name; they replace the current ones."),
        "priority": app.definition("priority"),
        "dueString": app.definition("dueString", description="The new due date in words, e.g. `next monday`; `no date` removes it."),
        "dueDate": app.definition("dueDate"),
        "dueDatetime": app.definition("dueDatetime"),
        "dueLang": app.definition("dueLang"),
        "deadlineDate": props.string("Deadline", "A new hard deadline day, `YYYY-MM-DD`.", optional=True),
        "assigneeId": props.string("Assignee", "The user ID of the collaborator to assign it to.", optional=True),
    },
    idempotent=True,
    trim=task_summary,
)
async def update_task(ctx):
    body = {field: ctx.props[prop] for prop, field in (
        ("content", "content"), ("description", "description"), ("deadlineDate", "deadline_date"), ("assigneeId", "assignee_id"))
        if ctx.props.get(prop)}
    if ctx.props.get("labels") is not None:
        body["labels"] = list(ctx.props.labels)
    if ctx.props.get("priority") is not None:
        body["priority"] = ctx.props.priority
    body.update(due_fields(ctx))
    if not body:
        raise ActionError("nothing to change: give content, description, labels, priority, a due date, deadlineDate or assigneeId")
    task = await api(ctx, "POST", f"/tasks/{seg(ctx.props.taskId)}", json=body)
    ctx.summary = f"Updated the task {task.get('content')!r}"
    return task
