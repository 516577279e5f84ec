from mcp_gateway.catalog import props

from ..app import app, graph, list_summary


@app.action(
    "create-task-list",
    title="Create Task List",
    description="Make a new Microsoft To Do list, e.g. \"Groceries\". To add a task to a list, use microsoft_to_do-create-task.",
    props={"name": props.string("Name", "The new list's name.")},
    trim=list_summary,
)
async def create_task_list(ctx):
    created = await graph(ctx, "POST", "/me/todo/lists", json_body={"displayName": ctx.props.name})
    ctx.summary = f"Created the list {ctx.props.name!r}"
    return created
