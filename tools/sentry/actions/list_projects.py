from mcp_gateway.catalog import props, within

from ..app import app, collect, org_path, project_summary


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List the projects of a Sentry organization with their slugs and numeric IDs, to narrow sentry-list-issues or "
        "name a release's projects in sentry-create-release."
    ),
    props={
        "organization": app.definition("organization"),
        "query": props.string("Search", "Only projects whose name or slug contains this text.", optional=True),
        "limit": props.limit("projects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("projects", project_summary),
)
async def list_projects(ctx):
    params = {"query": ctx.props.query} if ctx.props.get("query") else {}
    projects, cursor = await collect(ctx, org_path(ctx.props.organization, "projects/"), limit=ctx.props.limit,
                                     cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(projects)} project{'s' if len(projects) != 1 else ''} of {ctx.props.organization}"
    return {"projects": projects, "next_cursor": cursor}
