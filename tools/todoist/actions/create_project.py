from mcp_gateway.catalog import props

from ..app import api, app, project_summary


@app.action(
    "create-project",
    title="Create Project",
    description=(
        "Make a new Todoist project, optionally inside another project. To add a task to an existing project use "
        "todoist-create-task instead. Returns the new project's ID."
    ),
    props={
        "name": props.string("Name", "The project's name, e.g. `Home renovation`."),
        "description": props.string("Description", "What the project is for, shown under its name.", optional=True),
        "parentId": app.definition(
            "projectId", label="Parent Project", optional=True,
            description="Make it a sub-project of this project (its ID, from todoist-list-projects). Leave empty for a top-level project.",
        ),
        "color": props.string(
            "Color", "One of Todoist's color names, e.g. `berry_red`, `blue`, `grass`, `charcoal`.", optional=True,
        ),
        "isFavorite": props.boolean("Favorite", "Show the project among the user's favorites.", optional=True),
        "viewStyle": props.string(
            "View", "How the project shows its tasks.", options=["list", "board", "calendar"], optional=True,
        ),
    },
    trim=project_summary,
)
async def create_project(ctx):
    body = {"name": ctx.props.name}
    for prop, field in (("description", "description"), ("parentId", "parent_id"), ("color", "color"), ("viewStyle", "view_style")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    if ctx.props.get("isFavorite") is not None:
        body["is_favorite"] = bool(ctx.props.isFavorite)
    project = await api(ctx, "POST", "/projects", json=body)
    ctx.summary = f"Created the project {project.get('name')!r}"
    return project
