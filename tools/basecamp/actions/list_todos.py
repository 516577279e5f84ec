from mcp_gateway.catalog import props, within

from ..app import app, collect, todo_summary


@app.action(
    "list-todos",
    title="List To-dos",
    description=(
        "List the to-dos of a Basecamp to-do list: open ones, or completed ones with `completed`. Each comes with its "
        "assignees and dates. To tick one off use basecamp-complete-todo; to comment, basecamp-create-comment."
    ),
    props={
        "accountId": app.definition("accountId"),
        "projectId": app.definition("projectId"),
        "todolistId": app.definition("todolistId"),
        "completed": props.boolean("Completed", "List completed to-dos instead of open ones.", optional=True,
                                   default=False),
        "limit": props.limit("to-dos"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("todos", todo_summary),
)
async def list_todos(ctx):
    params = {"completed": "true"} if ctx.props.get("completed") else None
    todos, following = await collect(ctx, f"/buckets/{ctx.props.projectId}/todolists/{ctx.props.todolistId}/todos.json",
                                     limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(todos)} to-do{'s' if len(todos) != 1 else ''}"
    return {"todos": todos, "next_cursor": following}
