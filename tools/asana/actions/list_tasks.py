from mcp_gateway.catalog import ActionError, props, within

from ..app import TASK_FIELDS, app, collect, gid, task_summary, user_ref


@app.action(
    "list-tasks",
    title="List Tasks",
    description=(
        "List the tasks of an Asana project or section, or the tasks assigned to a person in a workspace (works "
        "on every plan). Returns the tasks and a cursor for more. To find tasks by text or due date across a "
        "workspace use asana-search-tasks."
    ),
    props={
        "workspace": app.definition(
            "workspace",
            optional=True,
            description=(
                "The workspace gid. Needed with assignee; otherwise only used to offer choices for "
                "project and assignee."
            ),
        ),
        "project": app.definition("project", optional=True, description="List this project's tasks (its gid)."),
        "section": app.definition(
            "section", description="List this section's tasks (its gid) instead of the whole project's."
        ),
        "assignee": app.definition(
            "assignee",
            description="List the tasks assigned to this person in the workspace: a user gid, an email or `me`.",
        ),
        "onlyIncomplete": props.boolean("Only Open Tasks", "`false` to include completed tasks.", default=True),
        "limit": props.limit("tasks"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tasks", task_summary),
)
async def list_tasks(ctx):
    params = {"opt_fields": TASK_FIELDS}
    if ctx.props.get("section"):
        params["section"] = gid(ctx.props.section, "section")
        where = f"section {params['section']}"
    elif ctx.props.get("project"):
        params["project"] = gid(ctx.props.project, "project")
        where = f"project {params['project']}"
    elif ctx.props.get("assignee"):
        if not ctx.props.get("workspace"):
            raise ActionError("listing a person's tasks needs the workspace too")
        params["assignee"] = user_ref(ctx.props.assignee)
        params["workspace"] = gid(ctx.props.workspace, "workspace")
        where = f"{params['assignee']}'s tasks"
    else:
        raise ActionError("give a project, a section, or an assignee and workspace to list tasks from")
    if ctx.props.onlyIncomplete:
        params["completed_since"] = "now"  # Asana's way of asking for incomplete tasks only
    tasks, following = await collect(ctx, "/tasks", params, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(tasks)} task{'s' if len(tasks) != 1 else ''} in {where}{more}"
    return {"tasks": tasks, "next_cursor": following}
