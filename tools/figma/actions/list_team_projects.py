from ..app import api, app


def projects_summary(data):
    return {"team": data.get("name"), "projects": [{"id": p.get("id"), "name": p.get("name")} for p in data.get("projects") or []]}


@app.action(
    "list-team-projects",
    title="List Team Projects",
    description=(
        "List the projects of a Figma team that the user can see, with their IDs. For the files in a project use "
        "figma-list-project-files."
    ),
    props={"teamId": app.definition("teamId")},
    read_only=True,
    trim=projects_summary,
)
async def list_team_projects(ctx):
    data = await api(ctx, "GET", f"/teams/{ctx.props.teamId}/projects")
    projects = data.get("projects") or []
    ctx.summary = f"Listed {len(projects)} project{'s' if len(projects) != 1 else ''} of {data.get('name')}"
    return data
