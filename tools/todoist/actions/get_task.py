from ..app import api, app, seg, task_summary


@app.action(
    "get-task",
    title="Get Task",
    description=(
        "Read one Todoist task by its ID: content, description, project, labels, priority and due date. To find tasks "
        "by project, label or filter use todoist-list-tasks."
    ),
    props={"taskId": app.definition("taskId")},
    read_only=True,
    trim=task_summary,
)
async def get_task(ctx):
    task = await api(ctx, "GET", f"/tasks/{seg(ctx.props.taskId)}")
    ctx.summary = f"Read the task {task.get('content')!r}"
    return task
