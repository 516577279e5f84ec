from ..app import PROJECT_FIELDS, app, call, gid, project_summary


@app.action(
    "get-project",
    title="Get Project",
    description=(
        "Read one Asana project: its name, description, owner, team, dates, latest status update, archived state "
        "and URL. For the project's tasks use asana-list-tasks, for its sections asana-list-sections."
    ),
    props={
        "workspace": app.definition(
            "workspace", optional=True, description="The project's workspace. Only used to offer choices for the project."
        ),
        "project": app.definition(
            "project",
            description=(
                "The gid of the project, e.g. `1204619611402355` (the first number in its URL, "
                "`https://app.asana.com/0/<project>/list`). asana-list-projects returns gids."
            ),
        ),
    },
    read_only=True,
    trim=project_summary,
)
async def get_project(ctx):
    project = await call(ctx, "GET", f"/projects/{gid(ctx.props.project, 'project')}", params={"opt_fields": PROJECT_FIELDS})
    ctx.summary = f"Retrieved project {project.get('name')!r}"
    return project
