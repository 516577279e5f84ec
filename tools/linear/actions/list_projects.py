from mcp_gateway.catalog import props, within

from ..app import PROJECT_FIELDS, app, gql, paged, project_summary, team_id

_ALL = f"""
query Projects($first: Int!, $after: String) {{
  projects(first: $first, after: $after) {{ nodes {{ {PROJECT_FIELDS} }} pageInfo {{ hasNextPage endCursor }} }}
}}
"""
_TEAM = f"""
query TeamProjects($teamId: String!, $first: Int!, $after: String) {{
  team(id: $teamId) {{
    projects(first: $first, after: $after) {{ nodes {{ {PROJECT_FIELDS} }} pageInfo {{ hasNextPage endCursor }} }}
  }}
}}
"""


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List Linear projects in the workspace, or of one team, with status, lead, dates, progress and URL, and a "
        "cursor for more. For one project's brief and milestones use linear-get-project."
    ),
    props={
        "teamId": app.definition("teamId", optional=True, description="Only this team's projects: its key (e.g. `ENG`), name or ID."),
        "limit": props.limit("projects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("projects", project_summary),
)
async def list_projects(ctx):
    variables = {"first": ctx.props.limit, "after": ctx.props.get("cursor")}
    if ctx.props.get("teamId"):
        variables["teamId"] = await team_id(ctx, ctx.props.teamId)
        found = (await gql(ctx, _TEAM, variables))["team"]["projects"]
    else:
        found = (await gql(ctx, _ALL, variables))["projects"]
    page = paged("projects", found)
    count = len(page["projects"])
    ctx.summary = f"Listed {count} Linear project{'s' if count != 1 else ''}"
    return page
