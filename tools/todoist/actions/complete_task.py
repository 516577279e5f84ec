from ..app import api, app, seg


@app.action(
    "complete-task",
    title="Complete Task",
    description=(
        "Mark a Todoist task done. A recurring task moves on to its next date instead of closing; a task with subtasks "
        "closes with them. To remove a task for good, use todoist-delete-task."
    ),
    props={"taskId": app.definition("taskId")},
    idempotent=True,
)
async def complete_task(ctx):
    await api(ctx, "POST", f"/tasks/{seg(ctx.props.taskId)}/close")
    ctx.summary = "Completed the task"
    return {"id": ctx.props.taskId, "completed": True}
