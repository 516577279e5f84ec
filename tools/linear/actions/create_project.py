from mcp_gateway.catalog import props

from ..app import PROJECT_FIELDS, app, check_date, gql, project_summary, team_id, user_id

_CREATE = f"""
mutation ProjectCreate($input: ProjectCreateInput!) {{
  projectCreate(input: $input) {{ success project {{ {PROJECT_FIELDS} }} }}
}}
"""


@app.action(
    "create-project",
    title="Create Project",
    description=(
        "Create a Linear project for one or more teams, optionally with a summary, a longer Markdown brief, a lead "
        "and start and target dates. Returns the project's ID and URL. To change a project use "
        "linear-update-project."
    ),
    props={
        "name": props.string("Name", "The project name, e.g. `Checkout redesign`."),
        "teamIds": props.string_list(
            "Teams",
            "The teams the project belongs to: their keys (e.g. `[\"ENG\"]`), names or IDs. At least one.",
        ),
        "description": props.string(
            "Summary", "A one-line summary of the project (Linear allows up to 255 characters).", optional=True
        ),
        "content": props.string("Brief", "The project's longer description in Markdown.", optional=True),
        "lead": app.definition(
            "assignee", label="Lead", description="The project lead: a user ID (UUID), an email address or `me`."
        ),
        "startDate": props.string("Start Date", "When work starts, as YYYY-MM-DD.", optional=True),
        "targetDate": props.string("Target Date", "When the project should be done, as YYYY-MM-DD.", optional=True),
    },
    trim=project_summary,
)
async def create_project(ctx):
    data = {"name": ctx.props.name, "teamIds": [await team_id(ctx, t) for t in ctx.props.teamIds]}
    for name in ("description", "content"):
        if ctx.props.get(name):
            data[name] = ctx.props[name]
    if ctx.props.get("lead"):
        data["leadId"] = await user_id(ctx, ctx.props.lead)
    for name in ("startDate", "targetDate"):
        if ctx.props.get(name):
            data[name] = check_date(ctx.props[name], name)
    project = (await gql(ctx, _CREATE, {"input": data}))["projectCreate"]["project"]
    ctx.summary = f"Created Linear project {project.get('name')}"
    return project
