from ..app import api, app, task_summary, tasks_path


@app.action(
    "complete-task",
    title="Complete Task",
    description=(
        "Mark a Google Tasks task as done. It stays in the list, shown as completed; to reopen it use "
        "google_tasks-update-task with status `needsAction`, to remove it google_tasks-delete-task."
    ),
    props={"taskListId": app.definition("taskListId"), "taskId": app.definition("taskId")},
    idempotent=True,
    trim=task_summary,
)
async def complete_task(ctx):
    task = await api(ctx, "PATCH", tasks_path(ctx.props.taskListId, ctx.props.taskId), json={"status": "completed"})
    ctx.summary = f"Completed the task {task.get('title')!r}"
    return task
