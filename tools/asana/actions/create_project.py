from mcp_gateway.catalog import ActionError, props

from ..app import PROJECT_FIELDS, app, call, check_date, gid, project_summary, team_options

VIEWS = ["list", "board", "calendar", "timeline"]
COLORS = [
    "dark-pink",
    "dark-green",
    "dark-blue",
    "dark-red",
    "dark-teal",
    "dark-brown",
    "dark-orange",
    "dark-purple",
    "dark-warm-gray",
    "light-pink",
    "light-green",
    "light-blue",
    "light-red",
    "light-teal",
    "light-brown",
    "light-orange",
    "light-purple",
    "light-warm-gray",
]


@app.action(
    "create-project",
    title="Create Project",
    description=(
        "Create a project in an Asana workspace. In an organization the project belongs to a team, which must be "
        "given. Returns the project's gid and URL. To find existing projects use asana-list-projects."
    ),
    props={
        "workspace": app.definition("workspace"),
        "team": props.string(
            "Team",
            "The gid of the team that owns the project, e.g. `1204619611402320`. Required in organizations, ignored in "
            "personal workspaces. The choices list the workspace's teams.",
            options=team_options,
            optional=True,
        ),
        "name": props.string("Name", "The project's name, e.g. `Q3 Launch`."),
        "notes": props.string("Description", "What the project is about, as plain text.", optional=True),
        "defaultView": props.string("Default View", "How the project opens.", options=VIEWS, default="list"),
        "color": props.string("Color", "The project's color.", options=COLORS, optional=True),
        "dueOn": props.string("Due Date", "The project's due date, written YYYY-MM-DD.", optional=True),
    },
    trim=project_summary,
)
async def create_project(ctx):
    if ctx.props.defaultView not in VIEWS:
        raise ActionError(f"defaultView must be one of {', '.join(VIEWS)}")
    data = {
        "name": ctx.props.name,
        "workspace": gid(ctx.props.workspace, "workspace"),
        "default_view": ctx.props.defaultView,
    }
    if ctx.props.get("team"):
        data["team"] = gid(ctx.props.team, "team")
    if ctx.props.get("notes"):
        data["notes"] = ctx.props.notes
    if ctx.props.get("color"):
        data["color"] = ctx.props.color
    if ctx.props.get("dueOn"):
        data["due_on"] = check_date(ctx.props.dueOn, "dueOn")
    project = await call(
        ctx,
        "POST",
        "/projects",
        data=data,
        params={"opt_fields": PROJECT_FIELDS},
    )
    ctx.summary = f"Created project {project.get('name')!r} ({project.get('permalink_url') or project.get('gid')})"
    return project
