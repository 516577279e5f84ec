from mcp_gateway.catalog import props, within

from ..app import app, project_summary, start_at_page


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List the Jira projects the user can see, optionally matching a name or key, with each project's key, "
        "name, type and ID. Returns `projects` and a `next_cursor` when more exist. For one project's issue types "
        "and lead use jira-get-project."
    ),
    props={
        "site": app.definition("site"),
        "query": props.string("Search", "Only projects whose name or key contains this text.", optional=True),
        "limit": props.limit("projects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("projects", project_summary),
)
async def list_projects(ctx):
    params = {"orderBy": "name"}
    if ctx.props.get("query"):
        params["query"] = ctx.props.query
    projects, next_cursor = await start_at_page(ctx, "/project/search", "values", params)
    ctx.summary = f"Listed {len(projects)} Jira projects" + (" (more available)" if next_cursor else "")
    return {"projects": projects, "next_cursor": next_cursor}
