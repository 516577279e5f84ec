from mcp_gateway.catalog import props

from ..app import app, collect, project_summary


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List GitLab projects the connected user can access, most recently active first, optionally matching a "
        "search. Returns each project's ID, `group/project` path, default branch and URL."
    ),
    props={
        "search": props.string("Search", "Only projects whose name or path contains this text.", optional=True),
        "membership": props.boolean(
            "Member Only", "Only projects the user is a member of (otherwise also public projects).", default=True
        ),
        "owned": props.boolean("Owned Only", "Only projects the user owns.", default=False),
        "max": app.definition("max"),
    },
    read_only=True,
)
async def list_projects(ctx):
    params = {"order_by": "last_activity_at", "sort": "desc", "simple": "true"}
    if ctx.props.membership:
        params["membership"] = "true"
    if ctx.props.owned:
        params["owned"] = "true"
    if ctx.props.get("search"):
        params["search"] = ctx.props.search
    projects = await collect(ctx, "/projects", limit=ctx.props.max, params=params)
    results = [project_summary(p) for p in projects]
    matching = f" matching {ctx.props.search!r}" if ctx.props.get("search") else ""
    ctx.summary = f"Listed {len(results)} project{'s' if len(results) != 1 else ''}{matching}"
    return results
