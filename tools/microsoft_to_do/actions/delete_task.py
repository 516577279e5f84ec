from ..app import app, graph, task_path


@app.action(
    "delete-task",
    title="Delete Task",
    description="Delete a Microsoft To Do task for good. To keep it but mark it done, use microsoft_to_do-complete-task.",
    props={"listId": app.definition("listId"), "taskId": app.definition("taskId")},
    destructive=True,
    idempotent=True,
)
async def delete_task(ctx):
    await graph(ctx, "DELETE", task_path(ctx.props.listId, ctx.props.taskId))
    ctx.summary = "Deleted the task"
    return {"id": ctx.props.taskId, "deleted": True}
