from ..app import api, app, task_summary, tasks_path


@app.action(
    "get-task",
    title="Get Task",
    description="Read one Google Tasks task by its ID: title, notes, status, due date and parent task.",
    props={"taskListId": app.definition("taskListId"), "taskId": app.definition("taskId")},
    read_only=True,
    trim=task_summary,
)
async def get_task(ctx):
    task = await api(ctx, "GET", tasks_path(ctx.props.taskListId, ctx.props.taskId))
    ctx.summary = f"Read the task {task.get('title')!r}"
    return task
