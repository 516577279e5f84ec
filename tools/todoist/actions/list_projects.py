from mcp_gateway.catalog import props, within

from ..app import app, collect, plural, project_summary


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List the user's Todoist projects (the Inbox among them, marked `inbox_project`), with their IDs. Use it to "
        "find the project to read or add tasks to; for the tasks themselves use todoist-list-tasks."
    ),
    props={"limit": props.limit("projects"), "cursor": props.cursor()},
    read_only=True,
    trim=within("projects", project_summary),
)
async def list_projects(ctx):
    projects, token = await collect(ctx, "/projects", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {plural(len(projects), 'project')}"
    return {"projects": projects, "next_cursor": token}
