from ..app import app, graph, task_path, task_summary


@app.action(
    "get-task",
    title="Get Task",
    description="Read one Microsoft To Do task: title, notes, status, importance, due date and reminder.",
    props={"listId": app.definition("listId"), "taskId": app.definition("taskId")},
    read_only=True,
    trim=task_summary,
)
async def get_task(ctx):
    task = await graph(ctx, "GET", task_path(ctx.props.listId, ctx.props.taskId))
    ctx.summary = f"Read the task {task.get('title')!r}"
    return task
