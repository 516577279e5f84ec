from mcp_gateway.catalog import ActionError, props

from ..app import api, app, due_value, task_summary, tasks_path


@app.action(
    "update-task",
    title="Update Task",
    description=(
        "Change a Google Tasks task's title, notes, due date or status; fields left empty stay as they are. To only "
        "tick a task off, google_tasks-complete-task is simpler; to reorder or nest it, use google_tasks-move-task."
    ),
    props={
        "taskListId": app.definition("taskListId"),
        "taskId": app.definition("taskId"),
        "title": props.string("Title", "The new title.", optional=True),
        "notes": props.string("Notes", "The new notes; an empty string is not sent, so notes cannot be cleared by leaving it empty.", optional=True),
        "due": app.definition("due"),
        "clearDue": props.boolean("Clear Due Date", "Remove the task's due date.", optional=True, default=False),
        "status": props.string(
            "Status", "`needsAction` to reopen the task, `completed` to mark it done.",
            options=["needsAction", "completed"], optional=True,
        ),
    },
    idempotent=True,
    trim=task_summary,
)
async def update_task(ctx):
    body = {name: ctx.props[name] for name in ("title", "notes", "status") if ctx.props.get(name)}
    if ctx.props.get("due") and ctx.props.get("clearDue"):
        raise ActionError("give either a new due date or clearDue, not both")
    if ctx.props.get("due"):
        body["due"] = due_value(ctx.props.due)
    elif ctx.props.get("clearDue"):
        body["due"] = None
    if body.get("status") == "needsAction":
        body["completed"] = None  # reopening clears the completion time too
    if not body:
        raise ActionError("nothing to change: give a title, notes, due date, clearDue or status")
    task = await api(ctx, "PATCH", tasks_path(ctx.props.taskListId, ctx.props.taskId), json=body)
    ctx.summary = f"Updated the task {task.get('title')!r}"
    return task
