from mcp_gateway.catalog import props, within

from ..app import app, collect, project_summary


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List GitLab projects the connected user can access, most recently active first, optionally matching a "
        "search. Returns each project's ID, `group/project` path (the `project` other GitLab actions take), default "
        "branch and URL. To find issues, merge requests or code rather than projects, use gitlab-search."
    ),
    props={
        "search": props.string("Search", "Only projects whose name or path contains this text.", optional=True),
        "membership": props.boolean(
            "Member Only", "Only projects the user is a member of (otherwise also public projects).", default=True
        ),
        "owned": props.boolean("Owned Only", "Only projects the user owns.", default=False),
        "limit": props.limit("projects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("projects", project_summary),
)
async def list_projects(ctx):
    params = {"order_by": "last_activity_at", "sort": "desc", "simple": "true"}
    if ctx.props.membership:
        params["membership"] = "true"
    if ctx.props.owned:
        params["owned"] = "true"
    if ctx.props.get("search"):
        params["search"] = ctx.props.search
    projects, next_cursor = await collect(ctx, "/projects", params=params)
    matching = f" matching {ctx.props.search!r}" if ctx.props.get("search") else ""
    ctx.summary = f"Listed {len(projects)} project{'s' if len(projects) != 1 else ''}{matching}"
    return {"projects": projects, "next_cursor": next_cursor}
