from ..app import app, jira, project_summary


@app.action(
    "get-project",
    title="Get Project",
    description=(
        "Read one Jira project by key: name, ID, type, lead, description and its issue types. To find a project's "
        "key use jira-list-projects; for its components and versions, jira-list-components and jira-list-versions."
    ),
    props={"site": app.definition("site"), "projectKey": app.definition("projectKey")},
    read_only=True,
    trim=project_summary,
)
async def get_project(ctx):
    key = str(ctx.props.projectKey).strip().upper()
    project = (await jira(ctx, "GET", f"/project/{key}")).json()
    ctx.summary = f"Retrieved Jira project {project.get('key')}: {project.get('name')}"
    return project
