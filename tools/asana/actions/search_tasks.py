from mcp_gateway.catalog import ActionError, props, within

from ..app import TASK_FIELDS, app, call, check_date, gid, task_summary, user_ref

SORTS = ["modified_at", "created_at", "due_date", "completed_at", "likes"]


@app.action(
    "search-tasks",
    title="Search Tasks",
    description=(
        "Search an Asana workspace's tasks by text, assignee, project, section, completion and due date. Needs a "
        "premium workspace (Asana's search API); otherwise use asana-list-tasks. Returns up to `limit` tasks; "
        "Asana's search has no further pages, so narrow the filters to see others."
    ),
    props={
        "workspace": app.definition("workspace"),
        "text": props.string(
            "Text", "Words to find in task names and descriptions, e.g. `launch plan`.", optional=True
        ),
        "assignee": app.definition(
            "assignee", description="Only tasks assigned to this person: a user gid, an email address, or `me`."
        ),
        "project": app.definition("project", optional=True, description="Only tasks in this project (its gid)."),
        "section": app.definition("section", description="Only tasks in this section (its gid)."),
        "completed": props.boolean(
            "Completed",
            "`false` for open tasks only, `true` for completed ones only. Leave empty for both.",
            optional=True,
        ),
        "dueOnBefore": props.string(
            "Due Before", "Only tasks due before this date, written YYYY-MM-DD.", optional=True
        ),
        "dueOnAfter": props.string("Due After", "Only tasks due after this date, written YYYY-MM-DD.", optional=True),
        "sortBy": props.string("Sort By", "What to order results by.", options=SORTS, default="modified_at"),
        "sortAscending": props.boolean("Ascending", "`true` for oldest or smallest first.", default=False),
        "limit": props.limit("tasks"),
    },
    read_only=True,
    trim=within("tasks", task_summary),
)
async def search_tasks(ctx):
    workspace = gid(ctx.props.workspace, "workspace")
    if ctx.props.sortBy not in SORTS:
        raise ActionError(f"sortBy must be one of {', '.join(SORTS)}")
    params = {
        "opt_fields": TASK_FIELDS,
        "sort_by": ctx.props.sortBy,
        "sort_ascending": "true" if ctx.props.sortAscending else "false",
    }
    if ctx.props.get("text"):
        params["text"] = ctx.props.text
    if ctx.props.get("assignee"):
        params["assignee.any"] = user_ref(ctx.props.assignee)
    if ctx.props.get("project"):
        params["projects.any"] = gid(ctx.props.project, "project")
    if ctx.props.get("section"):
        params["sections.any"] = gid(ctx.props.section, "section")
    if ctx.props.get("completed") is not None:
        params["completed"] = "true" if ctx.props.completed else "false"
    if ctx.props.get("dueOnBefore"):
        params["due_on.before"] = check_date(ctx.props.dueOnBefore, "dueOnBefore")
    if ctx.props.get("dueOnAfter"):
        params["due_on.after"] = check_date(ctx.props.dueOnAfter, "dueOnAfter")
    # The search endpoint takes no page size: it answers with up to 100 tasks.
    tasks = (await call(ctx, "GET", f"/workspaces/{workspace}/tasks/search", params=params) or [])[: ctx.props.limit]
    what = f" for {ctx.props.text!r}" if ctx.props.get("text") else ""
    ctx.summary = f"Found {len(tasks)} task{'s' if len(tasks) != 1 else ''}{what}"
    return {"tasks": tasks}
