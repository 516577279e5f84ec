from mcp_gateway.catalog import props, within

from ..app import app, collect, dock_id, todolist_summary


@app.action(
    "list-todolists",
    title="List To-do Lists",
    description=(
        "List the to-do lists of a Basecamp project, with how many of their to-dos are done. For the to-dos in one "
        "list use basecamp-list-todos; to add one, basecamp-create-todo."
    ),
    props={
        "accountId": app.definition("accountId"),
        "projectId": app.definition("projectId"),
        "status": props.string("Status", "List `archived` or `trashed` to-do lists instead of active ones.",
                               options=["archived", "trashed"], optional=True),
        "limit": props.limit("to-do lists"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("todolists", todolist_summary),
)
async def list_todolists(ctx):
    project = ctx.props.projectId
    todoset = await dock_id(ctx, project, "todoset", "To-dos")
    params = {"status": ctx.props.status} if ctx.props.get("status") else None
    todolists, following = await collect(ctx, f"/buckets/{project}/todosets/{todoset}/todolists.json",
                                         limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(todolists)} to-do list{'s' if len(todolists) != 1 else ''}"
    return {"todolists": todolists, "next_cursor": following}
