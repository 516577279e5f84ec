from mcp_gateway.catalog import props

from ..app import TASK_FIELDS, app, call, task_fields, task_id, task_summary


@app.action(
    "create-subtask",
    title="Create Subtask",
    description=(
        "Create a subtask under an existing Asana task, optionally with a description, assignee and due date. "
        "Returns the new subtask's gid, URL and fields."
    ),
    props={
        "task": app.definition(
            "task",
            label="Parent Task",
            description="The gid of the task to add the subtask to, e.g. `1204619611402377`.",
        ),
        "name": props.string("Name", "The subtask's title, e.g. `Collect screenshots`."),
        "notes": app.definition("notes"),
        "workspace": app.definition(
            "workspace",
            optional=True,
            description="The parent task's workspace. Only used to offer choices for the task and the assignee.",
        ),
        "assignee": app.definition("assignee"),
        "dueOn": app.definition("dueOn"),
        "dueAt": app.definition("dueAt"),
    },
    trim=task_summary,
)
async def create_subtask(ctx):
    parent = task_id(ctx.props.task)
    subtask = await call(
        ctx, "POST", f"/tasks/{parent}/subtasks", data=task_fields(ctx), params={"opt_fields": TASK_FIELDS}
    )
    parent_name = (subtask.get("parent") or {}).get("name") or parent
    ctx.summary = f"Created subtask {subtask.get('name')!r} under {parent_name!r}"
    return subtask
