from mcp_gateway.catalog import props

from ..app import api, app, due_value, task_summary, tasks_path


@app.action(
    "create-task",
    title="Create Task",
    description=(
        "Add a task to a Google Tasks list, with optional notes and due date, at the top of the list or as a subtask "
        "of another task. To change an existing task use google_tasks-update-task; to tick one off, "
        "google_tasks-complete-task."
    ),
    props={
        "taskListId": app.definition("taskListId"),
        "title": props.string("Title", "What the task is, e.g. `Book flights`."),
        "notes": props.string("Notes", "More detail, in plain text.", optional=True),
        "due": app.definition("due"),
        "parent": app.definition(
            "taskId", label="Parent Task", optional=True,
            description="Make the new task a subtask of this task (its ID, from google_tasks-list-tasks). Leave empty for a top-level task.",
        ),
        "previous": app.definition(
            "taskId", label="After Task", optional=True,
            description="Put the new task right after this sibling task (its ID). Leave empty to put it first.",
        ),
    },
    trim=task_summary,
)
async def create_task(ctx):
    body = {"title": ctx.props.title}
    if ctx.props.get("notes"):
        body["notes"] = ctx.props.notes
    if ctx.props.get("due"):
        body["due"] = due_value(ctx.props.due)
    params = {name: ctx.props[name] for name in ("parent", "previous") if ctx.props.get(name)}
    task = await api(ctx, "POST", tasks_path(ctx.props.taskListId), json=body, params=params)
    ctx.summary = f"Added the task {task.get('title')!r}"
    return task
