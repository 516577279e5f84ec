from mcp_gateway.catalog import props

from ..app import app, due, graph, task_path, task_summary


@app.action(
    "create-task",
    title="Create Task",
    description=(
        "Add a task to a Microsoft To Do list, with optional notes, due date and importance. To change one later use "
        "microsoft_to_do-update-task; to tick one off, microsoft_to_do-complete-task."
    ),
    props={
        "listId": app.definition("listId"),
        "title": props.string("Title", "What the task is, e.g. `Renew passport`."),
        "notes": props.string("Notes", "More detail, in plain text.", optional=True),
        "dueDate": props.string("Due Date", "The day it is due, `YYYY-MM-DD`.", optional=True),
        "timezone": app.definition("timezone"),
        "importance": props.string("Importance", "`low`, `normal` (the default) or `high`.", options=["low", "normal", "high"], optional=True),
    },
    trim=task_summary,
)
async def create_task(ctx):
    body = {"title": ctx.props.title}
    if ctx.props.get("notes"):
        body["body"] = {"content": ctx.props.notes, "contentType": "text"}
    if ctx.props.get("dueDate"):
        body["dueDateTime"] = due(ctx.props.dueDate, ctx.props.get("timezone"))
    if ctx.props.get("importance"):
        body["importance"] = ctx.props.importance
    task = await graph(ctx, "POST", task_path(ctx.props.listId), json_body=body)
    ctx.summary = f"Added the task {ctx.props.title!r}"
    return task
