from ..app import app, graph, task_path, task_summary


@app.action(
    "complete-task",
    title="Complete Task",
    description="Mark a Microsoft To Do task as done. To reopen it, use microsoft_to_do-update-task with status `notStarted`.",
    props={"listId": app.definition("listId"), "taskId": app.definition("taskId")},
    idempotent=True,
    trim=task_summary,
)
async def complete_task(ctx):
    task = await graph(ctx, "PATCH", task_path(ctx.props.listId, ctx.props.taskId), json_body={"status": "completed"})
    ctx.summary = f"Completed the task {task.get('title')!r}"
    return task
