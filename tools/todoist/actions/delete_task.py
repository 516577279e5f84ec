from ..app import api, app, seg


@app.action(
    "delete-task",
    title="Delete Task",
    description=(
        "Delete a Todoist task and its subtasks, for good. To keep it in the history as done, use "
        "todoist-complete-task instead."
    ),
    props={"taskId": app.definition("taskId")},
    destructive=True,
    idempotent=True,
)
async def delete_task(ctx):
    await api(ctx, "DELETE", f"/tasks/{seg(ctx.props.taskId)}")
    ctx.summary = "Deleted the task"
    return {"id": ctx.props.taskId, "deleted": True}
