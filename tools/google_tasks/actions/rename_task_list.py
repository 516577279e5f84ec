from mcp_gateway.catalog import props

from ..app import api, app, list_path, task_list_summary


@app.action(
    "rename-task-list",
    title="Rename Task List",
    description="Give a Google Tasks task list a new name. Its tasks stay as they are.",
    props={
        "taskListId": app.definition("taskListId"),
        "title": props.string("New Title", "The list's new name."),
    },
    idempotent=True,
    trim=task_list_summary,
)
async def rename_task_list(ctx):
    renamed = await api(ctx, "PATCH", list_path(ctx.props.taskListId), json={"title": ctx.props.title})
    ctx.summary = f"Renamed the task list to {renamed.get('title')!r}"
    return renamed
