from mcp_gateway.catalog import props, within

from ..app import app, collect, due_value, task_summary, tasks_path


@app.action(
    "list-tasks",
    title="List Tasks",
    description=(
        "List the tasks in one Google Tasks list, in the list's order, optionally only those due in a date range or "
        "including completed ones. Subtasks carry their `parent`. For one task's full notes, this is enough; "
        "google_tasks-get-task reads a single task by ID."
    ),
    props={
        "taskListId": app.definition("taskListId"),
        "showCompleted": props.boolean(
            "Include Completed", "Also list tasks already marked complete (off: only open tasks).", optional=True, default=False
        ),
        "dueMin": props.string("Due From", "Only tasks due on or after this date, `YYYY-MM-DD`.", optional=True),
        "dueMax": props.string("Due Until", "Only tasks due on or before this date, `YYYY-MM-DD`.", optional=True),
        "limit": props.limit("tasks"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tasks", task_summary),
)
async def list_tasks(ctx):
    show_completed = bool(ctx.props.get("showCompleted"))
    # Completed tasks are hidden once cleared from view; asking for completed ones means those too.
    params = {"showCompleted": str(show_completed).lower(), "showHidden": str(show_completed).lower()}
    if ctx.props.get("dueMin"):
        params["dueMin"] = due_value(ctx.props.dueMin)
    if ctx.props.get("dueMax"):
        # The day named is included: the bound is its last moment.
        params["dueMax"] = due_value(ctx.props.dueMax).replace("T00:00:00.000Z", "T23:59:59.999Z")
    tasks, token = await collect(
        ctx, tasks_path(ctx.props.taskListId), limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params
    )
    ctx.summary = f"Listed {len(tasks)} task{'s' if len(tasks) != 1 else ''}"
    return {"tasks": tasks, "next_cursor": token}
