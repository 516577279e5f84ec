from mcp_gateway.catalog import props, within

from ..app import app, collect, project_summary


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List the Basecamp projects the person is on, with each project's tools (to-dos, message board...). Start "
        "here: to-do lists are in basecamp-list-todolists, people in basecamp-list-people."
    ),
    props={
        "accountId": app.definition("accountId"),
        "status": props.string("Status", "List `archived` or `trashed` projects instead of active ones.",
                               options=["archived", "trashed"], optional=True),
        "limit": props.limit("projects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("projects", project_summary),
)
async def list_projects(ctx):
    params = {"status": ctx.props.status} if ctx.props.get("status") else None
    projects, following = await collect(ctx, "/projects.json", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                        params=params)
    ctx.summary = f"Listed {len(projects)} project{'s' if len(projects) != 1 else ''}"
    return {"projects": projects, "next_cursor": following}
