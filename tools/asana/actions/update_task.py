from mcp_gateway.catalog import ActionError, props

from ..app import TASK_FIELDS, app, call, task_fields, task_id, task_summary


@app.action(
    "update-task",
    title="Update Task",
    description=(
        "Change an Asana task: rename it, rewrite its description, reassign or unassign it, change its dates, or "
        "mark it complete or incomplete. Only the fields given change. Returns the updated task. To move it "
        "to another project or section use asana-add-task-to-project."
    ),
    props={
        "task": app.definition("task"),
        "name": props.string("Name", "A new title for the task.", optional=True),
        "notes": app.definition("notes", description="A new description, as plain text; replaces the current one."),
        "workspace": app.definition(
            "workspace", optional=True, description="The task's workspace. Only used to offer choices for the task and the assignee."
        ),
        "assignee": app.definition("assignee"),
        "unassign": props.boolean("Unassign", "`true` to remove the task's assignee.", optional=True),
        "completed": props.boolean(
            "Completed", "`true` to mark the task complete, `false` to reopen it.", optional=True
        ),
        "dueOn": app.definition("dueOn"),
        "dueAt": app.definition("dueAt"),
        "startOn": app.definition("startOn"),
        "clearDueDate": props.boolean("Clear Due Date", "`true` to remove the task's due date.", optional=True),
    },
    destructive=True,
    idempotent=True,
    trim=task_summary,
)
async def update_task(ctx):
    data = task_fields(ctx)
    if ctx.props.get("unassign"):
        if "assignee" in data:
            raise ActionError("give either an assignee or unassign, not both")
        data["assignee"] = None
    if ctx.props.get("clearDueDate"):
        if "due_on" in data or "due_at" in data:
            raise ActionError("give either a new due date or clearDueDate, not both")
        data["due_on"] = None
    if not data:
        raise ActionError(
            "nothing to change: give at least one of name, notes, assignee, unassign, completed, dueOn, "
            "dueAt, startOn, clearDueDate"
        )
    task = await call(ctx, "PUT", f"/tasks/{task_id(ctx.props.task)}", data=data, params={"opt_fields": TASK_FIELDS})
    ctx.summary = f"Updated task {task.get('name')!r} ({', '.join(sorted(data))})"
    return task
