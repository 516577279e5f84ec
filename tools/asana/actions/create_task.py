from mcp_gateway.catalog import ActionError, props

from ..app import TASK_FIELDS, app, call, gid, task_fields, task_summary


@app.action(
    "create-task",
    title="Create Task",
    description=(
        "Create a task in an Asana workspace, optionally in a project and one of its sections, with a "
        "description, assignee and due date. Returns the new task's gid, URL and fields. For a subtask under "
        "another task use asana-create-subtask."
    ),
    props={
        "workspace": app.definition("workspace"),
        "project": app.definition(
            "project",
            optional=True,
            description=(
                "The gid of a project to put the task in. Leave empty for a task in no project (it "
                "shows in the assignee's My Tasks)."
            ),
        ),
        "section": app.definition(
            "section",
            description=(
                "The gid of a section of that project to put the task in, e.g. `1204619611402360`. Needs the project."
            ),
        ),
        "name": props.string("Name", "The task's title, e.g. `Draft Q3 launch plan`."),
        "notes": app.definition("notes"),
        "assignee": app.definition("assignee"),
        "dueOn": app.definition("dueOn"),
        "dueAt": app.definition("dueAt"),
        "startOn": app.definition("startOn"),
    },
    trim=task_summary,
)
async def create_task(ctx):
    data = {"workspace": gid(ctx.props.workspace, "workspace"), **task_fields(ctx)}
    project, section = ctx.props.get("project"), ctx.props.get("section")
    if section and not project:
        raise ActionError("a section needs its project; give the project too")
    if section:
        # Only at creation can `memberships` place a task straight into a section.
        data["memberships"] = [{"project": gid(project, "project"), "section": gid(section, "section")}]
    elif project:
        data["projects"] = [gid(project, "project")]
    task = await call(ctx, "POST", "/tasks", data=data, params={"opt_fields": TASK_FIELDS})
    where = ""
    if task.get("projects"):
        where = f" in {task['projects'][0].get('name')!r}"
    ctx.summary = f"Created task {task.get('name')!r}{where} ({task.get('permalink_url') or task.get('gid')})"
    return task
