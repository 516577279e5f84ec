from mcp_gateway.catalog import ActionError, props

from ..app import PROJECT_FIELDS, app, check_date, gql, project_summary, user_id

_UPDATE = f"""
mutation ProjectUpdate($id: String!, $input: ProjectUpdateInput!) {{
  projectUpdate(id: $id, input: $input) {{ success project {{ {PROJECT_FIELDS} }} }}
}}
"""


@app.action(
    "update-project",
    title="Update Project",
    description=(
        "Change a Linear project: rename it, rewrite its summary or brief, change its lead, dates or priority. "
        "Fields left empty stay as they are. Returns the updated project. To create one use linear-create-project."
    ),
    props={
        "projectId": app.definition(
            "projectId",
            optional=False,
            description="The project's ID (UUID) or URL slug. The choices list the workspace's projects.",
        ),
        "name": props.string("Name", "A new project name.", optional=True),
        "description": props.string("Summary", "A new one-line summary (up to 255 characters).", optional=True),
        "content": props.string("Brief", "A new Markdown brief, replacing the current one.", optional=True),
        "lead": app.definition(
            "assignee", label="Lead", description="The new lead: a user ID (UUID), an email address or `me`."
        ),
        "startDate": props.string("Start Date", "When work starts, as YYYY-MM-DD.", optional=True),
        "targetDate": props.string("Target Date", "When the project should be done, as YYYY-MM-DD.", optional=True),
        "priority": app.definition("priority"),
    },
    destructive=True,
    idempotent=True,
    trim=project_summary,
)
async def update_project(ctx):
    data = {}
    for name in ("name", "description", "content"):
        if ctx.props.get(name):
            data[name] = ctx.props[name]
    if ctx.props.get("lead"):
        data["leadId"] = await user_id(ctx, ctx.props.lead)
    for name in ("startDate", "targetDate"):
        if ctx.props.get(name):
            data[name] = check_date(ctx.props[name], name)
    if ctx.props.get("priority") is not None:
        data["priority"] = ctx.props.priority
    if not data:
        raise ActionError(
            "nothing to change: give at least one of name, description, content, lead, startDate, targetDate or priority"
        )
    project = (await gql(ctx, _UPDATE, {"id": str(ctx.props.projectId).strip(), "input": data}))["projectUpdate"]["project"]
    ctx.summary = f"Updated {', '.join(sorted(data))} of Linear project {project.get('name')}"
    return project
