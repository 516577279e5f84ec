from mcp_gateway.catalog import props

from ..app import api, app, pickers, task_summary


def _with_subtasks(task):
    summary = task_summary(task)
    if task.get("subtasks") is not None:
        summary["subtasks"] = [task_summary(sub) for sub in task["subtasks"]]
    return summary


@app.action(
    "get-task",
    title="Get Task",
    description=(
        "Read one ClickUp task by ID: name, description, status, priority, assignees, tags, dates, list and URL, "
        "optionally with its subtasks. To find tasks by status or assignee use clickup-list-tasks; for the task's "
        "comments, clickup-list-comments."
    ),
    props={
        **pickers("workspaceId", "spaceId", "folderId", "listId"),
        "taskId": app.definition("taskId"),
        "includeSubtasks": props.boolean("Include Subtasks", "Also return the task's subtasks.", optional=True,
                                         default=False),
    },
    read_only=True,
    trim=_with_subtasks,
)
async def get_task(ctx):
    params = {"include_subtasks": "true"} if ctx.props.get("includeSubtasks") else None
    task = await api(ctx, "GET", f"/task/{ctx.props.taskId}", params=params)
    ctx.summary = f"Read the task {task.get('name')!r}"
    return task
