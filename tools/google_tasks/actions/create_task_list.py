from mcp_gateway.catalog import props

from ..app import api, app, task_list_summary


@app.action(
    "create-task-list",
    title="Create Task List",
    description=(
        "Make a new, empty task list in Google Tasks, e.g. \"Groceries\". To add a task to an existing list, use "
        "google_tasks-create-task instead. Returns the new list's ID."
    ),
    props={"title": props.string("Title", "The new list's name, e.g. `Groceries`.")},
    trim=task_list_summary,
)
async def create_task_list(ctx):
    created = await api(ctx, "POST", "/users/@me/lists", json={"title": ctx.props.title})
    ctx.summary = f"Created the task list {created.get('title')!r}"
    return created
