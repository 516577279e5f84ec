from mcp_gateway.catalog import props, within

from ..app import PROJECT_FIELDS, app, collect, gid, project_summary, team_options


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List the projects of an Asana workspace, or of one team, with their gids, owners, dates and URLs. Use it "
        "to find a project gid for asana-create-task or asana-list-tasks; for one project's sections use "
        "asana-list-sections, and for its details asana-get-project."
    ),
    props={
        "workspace": app.definition("workspace"),
        "team": props.string(
            "Team",
            "Only this team's projects: the team's gid, e.g. `1204619611402350`. The choices list the "
            "workspace's teams (organizations only).",
            options=team_options,
            optional=True,
        ),
        "archived": props.boolean(
            "Archived", "`true` for archived projects only, `false` for active ones only. Leave empty for both.",
            optional=True,
        ),
        "limit": props.limit("projects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("projects", project_summary),
)
async def list_projects(ctx):
    params = {"opt_fields": PROJECT_FIELDS}
    if ctx.props.get("team"):
        params["team"] = gid(ctx.props.team, "team")
    else:
        params["workspace"] = gid(ctx.props.workspace, "workspace")
    if ctx.props.get("archived") is not None:
        params["archived"] = "true" if ctx.props.archived else "false"
    projects, following = await collect(ctx, "/projects", params, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(projects)} project{'s' if len(projects) != 1 else ''}{more}"
    return {"projects": projects, "next_cursor": following}
