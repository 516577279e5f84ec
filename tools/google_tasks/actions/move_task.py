from ..app import api, app, task_summary, tasks_path


@app.action(
    "move-task",
    title="Move Task",
    description=(
        "Reorder a Google Tasks task within its list, or nest it under another task as a subtask (or lift a subtask "
        "back to the top level). With neither a parent nor a previous task, it moves to the top of the list."
    ),
    props={
        "taskListId": app.definition("taskListId"),
        "taskId": app.definition("taskId"),
        "parent": app.definition(
            "taskId", label="New Parent Task", optional=True,
            description="Nest the task under this task (its ID). Leave empty to make it a top-level task.",
        ),
        "previous": app.definition(
            "taskId", label="After Task", optional=True,
            description="Place the task right after this sibling (its ID). Leave empty to place it first among its siblings.",
        ),
    },
    idempotent=True,
    trim=task_summary,
)
async def move_task(ctx):
    params = {name: ctx.props[name] for name in ("parent", "previous") if ctx.props.get(name)}
    task = await api(ctx, "POST", f"{tasks_path(ctx.props.taskListId, ctx.props.taskId)}/move", params=params)
    ctx.summary = f"Moved the task {task.get('title')!r}"
    return task
