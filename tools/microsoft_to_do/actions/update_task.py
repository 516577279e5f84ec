from mcp_gateway.catalog import ActionError, props

from ..app import app, due, graph, task_path, task_summary

_STATUSES = ["notStarted", "inProgress", "completed", "waitingOnOthers", "deferred"]


@app.action(
    "update-task",
    title="Update Task",
    description=(
        "Change a Microsoft To Do task's title, notes, due date, importance or status; what is left empty stays. To only "
        "tick it off, microsoft_to_do-complete-task is simpler."
    ),
    props={
        "listId": app.definition("listId"),
        "taskId": app.definition("taskId"),
        "title": props.string("Title", "A new title.", optional=True),
        "notes": props.string("Notes", "New notes, replacing the old.", optional=True),
        "dueDate": props.string("Due Date", "A new due day, `YYYY-MM-DD`.", optional=True),
        "timezone": app.definition("timezone"),
        "importance": props.string("Importance", "`low`, `normal` or `high`.", options=["low", "normal", "high"], optional=True),
        "status": props.string("Status", "One of " + ", ".join(f"`{s}`" for s in _STATUSES) + ".", options=_STATUSES, optional=True),
    },
    idempotent=True,
    trim=task_summary,
)
async def update_task(ctx):
    body = {field: ctx.props[field] for field in ("title", "importance", "status") if ctx.props.get(field)}
    if ctx.props.get("notes"):
        body["body"] = {"content": ctx.props.notes, "contentType": "text"}
    if ctx.props.get("dueDate"):
        body["dueDateTime"] = due(ctx.props.dueDate, ctx.props.get("timezone"))
    if not body:
        raise ActionError("nothing to change: give a title, notes, dueDate, importance or status")
    task = await graph(ctx, "PATCH", task_path(ctx.props.listId, ctx.props.taskId), json_body=body)
    ctx.summary = f"Updated the task {task.get('title')!r}"
    return task
