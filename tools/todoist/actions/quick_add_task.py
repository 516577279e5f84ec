from mcp_gateway.catalog import props

from ..app import api, app, task_summary


@app.action(
    "quick-add-task",
    title="Quick Add Task",
    description=(
        "Add a task from one line of text, parsed as Todoist's Quick Add box does: a due date in words, `#Project`, "
        "`/Section`, `@label`, `p1`–`p4` for priority and `+Name` for an assignee, e.g. "
        "`Send invoice tomorrow 9am #Work @finance p1`. To set each field explicitly use todoist-create-task."
    ),
    props={
        "text": props.string("Text", "The task as typed in Quick Add, e.g. `Water plants every friday #Home`."),
        "note": props.string("Note", "A comment to add to the new task.", optional=True),
        "reminder": props.string("Reminder", "When to remind the user, in words, e.g. `tomorrow at 8am`.", optional=True),
        "autoReminder": props.boolean(
            "Default Reminder", "Add the user's default reminder when the task has a due time.", optional=True,
        ),
    },
    trim=task_summary,
)
async def quick_add_task(ctx):
    body = {"text": ctx.props.text}
    for name in ("note", "reminder"):
        if ctx.props.get(name):
            body[name] = ctx.props[name]
    if ctx.props.get("autoReminder") is not None:
        body["auto_reminder"] = bool(ctx.props.autoReminder)
    task = await api(ctx, "POST", "/tasks/quick", json=body)
    ctx.summary = f"Added the task {task.get('content')!r}"
    return task
