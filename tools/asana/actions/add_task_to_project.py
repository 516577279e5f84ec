from ..app import TASK_FIELDS, app, call, gid, task_id, task_summary


@app.action(
    "add-task-to-project",
    title="Add Task to Project or Section",
    description=(
        "Add an existing Asana task to a project, optionally into one of its sections, or move a task already in "
        "the project to another section. The task keeps its other projects. Returns the task's memberships. To "
        "create a new task in a project use asana-create-task."
    ),
    props={
        "task": app.definition("task"),
        "workspace": app.definition(
            "workspace",
            optional=True,
            description="The workspace of the project. Only used to offer choices for the task and the project.",
        ),
        "project": app.definition("project"),
        "section": app.definition(
            "section",
            description=(
                "The gid of a section of the project to put the task in. Leave empty for the project's first section."
            ),
        ),
    },
    idempotent=True,
    trim=task_summary,
)
async def add_task_to_project(ctx):
    task = task_id(ctx.props.task)
    data = {"project": gid(ctx.props.project, "project")}
    if ctx.props.get("section"):
        data["section"] = gid(ctx.props.section, "section")
    await call(ctx, "POST", f"/tasks/{task}/addProject", data=data)
    updated = await call(ctx, "GET", f"/tasks/{task}", params={"opt_fields": TASK_FIELDS})
    where = next((m for m in updated.get("memberships") or [] if (m.get("project") or {}).get("gid") == data["project"]), None)
    place = f"{where['project'].get('name')!r}" if where else data["project"]
    if where and (where.get("section") or {}).get("name"):
        place += f" / {where['section']['name']!r}"
    ctx.summary = f"Added task {updated.get('name')!r} to {place}"
    return updated
