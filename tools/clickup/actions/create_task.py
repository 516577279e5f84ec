from mcp_gateway.catalog import props

from ..app import PRIORITIES, api, app, has_time, pickers, task_summary, to_ms


@app.action(
    "create-task",
    title="Create Task",
    description=(
        "Create a task in a ClickUp list, with an optional description, status, priority, assignees, tags, start and "
        "due dates, or as a subtask of another task. To change an existing task use clickup-update-task. Returns the "
        "new task with its `id` and `url`."
    ),
    props={
        **pickers("workspaceId", "spaceId", "folderId"),
        "listId": app.definition("listId"),
        "name": props.string("Name", "The task's name, e.g. `Draft the Q1 plan`."),
        "description": props.string("Description", "The task's description, in plain text.", optional=True),
        "status": props.string("Status", "A status of the list's space, e.g. `to do` (see clickup-list-spaces); "
                               "empty: the first status.", optional=True),
        "priority": props.integer("Priority", "1 Urgent, 2 High, 3 Normal, 4 Low.", options=PRIORITIES, optional=True),
        "assignees": props.integer_list("Assignees", "User IDs to assign, from clickup-list-workspaces' members.",
                                        optional=True),
        "tags": props.string_list("Tags", "Tag names to put on the task.", optional=True),
        "dueDate": props.string("Due Date", "When it is due: `2026-12-24`, or with a time `2026-12-24T17:00:00Z`.",
                                optional=True),
        "startDate": props.string("Start Date", "When work starts, in the same forms as the due date.", optional=True),
        "parent": props.string("Parent Task", "Make it a subtask of this task ID (a task in the same list).",
                               optional=True),
        "notifyAll": props.boolean("Notify All", "Notify everyone on the task, the creator included.", optional=True,
                                   default=False),
    },
    trim=task_summary,
)
async def create_task(ctx):
    body = {"name": ctx.props.name}
    for prop, field in (("description", "description"), ("status", "status"), ("priority", "priority"),
                        ("assignees", "assignees"), ("tags", "tags"), ("parent", "parent")):
        if ctx.props.get(prop) not in (None, "", []):
            body[field] = ctx.props[prop]
    for prop, field in (("dueDate", "due_date"), ("startDate", "start_date")):
        if ctx.props.get(prop):
            body[field] = to_ms(ctx.props[prop], prop)
            body[f"{field}_time"] = has_time(ctx.props[prop])
    if ctx.props.get("notifyAll"):
        body["notify_all"] = True
    task = await api(ctx, "POST", f"/list/{ctx.props.listId}/task", json=body)
    ctx.summary = f"Created the task {task.get('name')!r}"
    return task
