from ..app import api, app, pickers


@app.action(
    "delete-task",
    title="Delete Task",
    description=(
        "Delete a ClickUp task for good (with its subtasks and comments). To keep it out of the way instead, archive "
        "it or set a closed status with clickup-update-task."
    ),
    props={**pickers("workspaceId", "spaceId", "folderId", "listId"), "taskId": app.definition("taskId")},
    destructive=True,
    idempotent=True,
)
async def delete_task(ctx):
    await api(ctx, "DELETE", f"/task/{ctx.props.taskId}")
    ctx.summary = f"Deleted the task {ctx.props.taskId}"
    return {"id": ctx.props.taskId, "deleted": True}
