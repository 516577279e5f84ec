from mcp_gateway.catalog import props, within

from ..app import app, collect, task_list_summary


@app.action(
    "list-task-lists",
    title="List Task Lists",
    description=(
        "List the user's Google Tasks task lists (\"My Tasks\" and any they made), with their IDs. Use it to find the "
        "list to read or add tasks to; for the tasks themselves use google_tasks-list-tasks."
    ),
    props={"limit": props.limit("task lists"), "cursor": props.cursor()},
    read_only=True,
    trim=within("task_lists", task_list_summary),
)
async def list_task_lists(ctx):
    lists, token = await collect(ctx, "/users/@me/lists", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(lists)} task list{'s' if len(lists) != 1 else ''}"
    return {"task_lists": lists, "next_cursor": token}
