from ..app import PROJECT_FIELDS, app, gql, nodes, project_summary

_GET = f"""
query Project($id: String!) {{
  project(id: $id) {{
    {PROJECT_FIELDS}
    content
    projectMilestones {{ nodes {{ id name targetDate }} }}
  }}
}}
"""


def _detail(project):
    return {
        **project_summary(project),
        "content": project.get("content"),
        "milestones": [
            {"id": m.get("id"), "name": m.get("name"), "target_date": m.get("targetDate")}
            for m in nodes(project.get("projectMilestones"))
        ],
    }


@app.action(
    "get-project",
    title="Get Project",
    description=(
        "Read one Linear project: its name, summary, Markdown brief, status, lead, teams, dates, progress and "
        "milestones. For many projects at once use linear-list-projects; for its issues, linear-list-issues with "
        "the project."
    ),
    props={
        "projectId": app.definition(
            "projectId",
            optional=False,
            description=(
                "The project's ID (UUID), or the slug at the end of its URL (`linear.app/<workspace>/project/<slug>`). "
                "The choices list the workspace's projects; linear-list-projects returns IDs."
            ),
        ),
    },
    read_only=True,
    trim=_detail,
)
async def get_project(ctx):
    project = (await gql(ctx, _GET, {"id": str(ctx.props.projectId).strip()}))["project"]
    ctx.summary = f"Retrieved Linear project {project.get('name')}"
    return project
