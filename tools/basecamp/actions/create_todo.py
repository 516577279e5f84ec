from datetime import date

from mcp_gateway.catalog import ActionError, props

from ..app import app, call, todo_summary


def _day(value, name):
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise ActionError(f"{name} {value!r} must be a date such as `2026-12-24`") from None


@app.action(
    "create-todo",
    title="Create To-do",
    description=(
        "Add a to-do to a Basecamp to-do list, with optional notes, assignees, start and due dates. Assignee IDs come "
        "from basecamp-list-people. To tick a to-do off use basecamp-complete-todo."
    ),
    props={
        "accountId": app.definition("accountId"),
        "projectId": app.definition("projectId"),
        "todolistId": app.definition("todolistId"),
        "content": props.string("To-do", "What needs doing, e.g. `Send the contract to Acme`."),
        "description": props.string("Notes", "More detail; plain text or Basecamp's rich-text HTML (`<div>`, `<b>`, "
                                    "`<a>`).", optional=True),
        "assigneeIds": props.integer_list("Assignees", "People IDs to assign, from basecamp-list-people.", optional=True),
        "notify": props.boolean("Notify Assignees", "Tell the assignees they were given the to-do.", optional=True,
                                default=False),
        "dueOn": props.string("Due On", "The due date, e.g. `2026-12-24`.", optional=True),
        "startsOn": props.string("Starts On", "The start date, e.g. `2026-12-20`.", optional=True),
    },
    trim=todo_summary,
)
async def create_todo(ctx):
    body = {"content": ctx.props.content}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    if ctx.props.get("assigneeIds"):
        body["assignee_ids"] = list(ctx.props.assigneeIds)
        if ctx.props.get("notify"):
            body["notify"] = True
    for prop, field in (("dueOn", "due_on"), ("startsOn", "starts_on")):
        if ctx.props.get(prop):
            body[field] = _day(ctx.props[prop], prop)
    todo = await call(ctx, "POST", f"/buckets/{ctx.props.projectId}/todolists/{ctx.props.todolistId}/todos.json",
                      json=body)
    ctx.summary = f"Added the to-do {todo.get('content')!r}"
    return todo
