from ..app import api, app, list_path


@app.action(
    "delete-task-list",
    title="Delete Task List",
    description=(
        "Delete a Google Tasks task list and every task in it, for good. To remove only the finished tasks, use "
        "google_tasks-clear-completed-tasks instead."
    ),
    props={"taskListId": app.definition("taskListId")},
    destructive=True,
    idempotent=True,
)
async def delete_task_list(ctx):
    await api(ctx, "DELETE", list_path(ctx.props.taskListId))
    ctx.summary = "Deleted the task list"
    return {"id": ctx.props.taskListId, "deleted": True}
