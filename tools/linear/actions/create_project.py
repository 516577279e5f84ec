from mcp_gateway.catalog import props

from ..app import app, check_date, gql, team_id, user_id

_CREATE = """
mutation ProjectCreate($input: ProjectCreateInput!) {
  projectCreate(input: $input) {
    success
    project { id name description url startDate targetDate lead { id name } teams { nodes { key } } }
  }
}
"""


@app.action(
    "create-project",
    title="Create Project",
    description=(
        "Create a Linear project for one or more teams, optionally with a summary, a longer Markdown brief, a lead "
        "and start and target dates. Returns the project's ID and URL."
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
    return {
        "id": project.get("id"),
        "name": project.get("name"),
        "description": project.get("description"),
        "url": project.get("url"),
        "lead": (project.get("lead") or {}).get("name"),
        "teams": [t.get("key") for t in (project.get("teams") or {}).get("nodes") or []],
        "start_date": project.get("startDate"),
        "target_date": project.get("targetDate"),
    }
