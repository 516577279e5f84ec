from ..app import api, app, clear_path


@app.action(
    "clear-completed-tasks",
    title="Clear Completed Tasks",
    description=(
        "Hide every completed task of a Google Tasks list from the list's view, as \"Delete all completed tasks\" does "
        "in the app. Open tasks are untouched; google_tasks-list-tasks with Include Completed still finds the cleared ones."
    ),
    props={"taskListId": app.definition("taskListId")},
    idempotent=True,
)
async def clear_completed_tasks(ctx):
    await api(ctx, "POST", clear_path(ctx.props.taskListId))
    ctx.summary = "Cleared the completed tasks from the list"
    return {"task_list_id": ctx.props.taskListId, "cleared": True}
