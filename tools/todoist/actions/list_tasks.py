from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, plural, task_summary


@app.action(
    "list-tasks",
    title="List Tasks",
    description=(
        "List open Todoist tasks: of a project, a section, a parent task or a label, or those matching a Todoist filter "
        "such as `today | overdue` or `#Work & p1`. With no filter at all it lists every open task. Completed tasks are "
        "not listed. To read one task by ID use todoist-get-task."
    ),
    props={
        "filter": props.string(
            "Filter",
            "A Todoist filter query, as typed in the app's filter view, e.g. `today | overdue`, `#Work & p1`, "
            "`@waiting`, `due before: +7 days`. It cannot be combined with the project, section, parent or label props.",
            optional=True,
        ),
        "lang": props.string("Filter Language", "The filter's language as a 2-letter code, e.g. `de`; English by default.", optional=True),
        "projectId": app.definition("projectId", optional=True, description="Only tasks in this project (its ID, from todoist-list-projects)."),
        "sectionId": app.definition("sectionId", optional=True, description="Only tasks in this section (its ID, from todoist-list-sections)."),
        "parentId": app.definition("taskId", label="Parent Task", optional=True, description="Only the subtasks of this task (its ID)."),
        "label": props.string("Label", "Only tasks with this label name, e.g. `errand`.", optional=True),
        "limit": props.limit("tasks"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tasks", task_summary),
)
async def list_tasks(ctx):
    params = {field: ctx.props[prop] for prop, field in (
        ("projectId", "project_id"), ("sectionId", "section_id"), ("parentId", "parent_id"), ("label", "label"))
        if ctx.props.get(prop)}
    if ctx.props.get("filter"):
        if params:
            raise ActionError("a filter cannot be combined with projectId, sectionId, parentId or label; write them into "
                              "the filter instead, e.g. `#Work & @errand`")
        params = {"query": ctx.props.filter}
        if ctx.props.get("lang"):
            params["lang"] = ctx.props.lang
        path = "/tasks/filter"
    else:
        path = "/tasks"
    tasks, token = await collect(ctx, path, limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(tasks), 'task')}"
    return {"tasks": tasks, "next_cursor": token}
