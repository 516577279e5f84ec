from ..app import api, app, tasks_path


@app.action(
    "delete-task",
    title="Delete Task",
    description=(
        "Delete one Google Tasks task (and its subtasks). To keep it but mark it done, use google_tasks-complete-task."
    ),
    props={"taskListId": app.definition("taskListId"), "taskId": app.definition("taskId")},
    destructive=True,
    idempotent=True,
)
async def delete_task(ctx):
    await api(ctx, "DELETE", tasks_path(ctx.props.taskListId, ctx.props.taskId))
    ctx.summary = "Deleted the task"
    return {"id": ctx.props.taskId, "deleted": True}
