from mcp_gateway.catalog import props, within

from ..app import app, graph, graph_cursor, task_path, task_summary


@app.action(
    "list-tasks",
    title="List Tasks",
    description=(
        "List the tasks in one Microsoft To Do list: open ones by default, or completed ones too. For one task by ID "
        "use microsoft_to_do-get-task."
    ),
    props={
        "listId": app.definition("listId"),
        "includeCompleted": props.boolean("Include Completed", "Also list completed tasks.", optional=True, default=False),
        "limit": props.limit("tasks"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tasks", task_summary),
)
async def list_tasks(ctx):
    if ctx.props.get("cursor"):
        page = await graph(ctx, "GET", graph_cursor(ctx.props.cursor))
    else:
        params = {"$top": ctx.props.limit}
        if not ctx.props.get("includeCompleted"):
            params["$filter"] = "status ne 'completed'"
        page = await graph(ctx, "GET", task_path(ctx.props.listId), params=params)
    tasks = page.get("value") or []
    ctx.summary = f"Listed {len(tasks)} tasks"
    return {"tasks": tasks, "next_cursor": page.get("@odata.nextLink")}
