from mcp_gateway.catalog import props

from ..app import app, gql, nodes, team_id

_FIELDS = """
  nodes {
    id name description url progress startDate targetDate
    status { name type }
    lead { id name }
    teams { nodes { key } }
  }
  pageInfo { hasNextPage endCursor }
"""
_ALL = f"query Projects($first: Int!, $after: String) {{ projects(first: $first, after: $after) {{ {_FIELDS} }} }}"
_TEAM = f"""
query TeamProjects($teamId: String!, $first: Int!, $after: String) {{
  team(id: $teamId) {{ projects(first: $first, after: $after) {{ {_FIELDS} }} }}
}}
"""


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List Linear projects in the workspace, or of one team, with status, lead, dates, progress and URL, and a "
        "cursor for more."
    ),
    props={
        "teamId": app.definition("teamId", optional=True, description="Only this team's projects: its key (e.g. `ENG`), name or ID."),
        "max": props.integer("Max Results", "The most projects to return (1 to 100).", min=1, max=100, default=50),
        "after": props.string("Cursor", "To get the next page, the `next_cursor` an earlier call returned.", optional=True),
    },
    read_only=True,
)
async def list_projects(ctx):
    variables = {"first": ctx.props.max, "after": ctx.props.get("after")}
    if ctx.props.get("teamId"):
        variables["teamId"] = await team_id(ctx, ctx.props.teamId)
        found = (await gql(ctx, _TEAM, variables))["team"]["projects"]
    else:
        found = (await gql(ctx, _ALL, variables))["projects"]
    projects = [_project(p) for p in nodes(found)]
    page = found.get("pageInfo") or {}
    ctx.summary = f"Listed {len(projects)} Linear project{'s' if len(projects) != 1 else ''}"
    return {"projects": projects, "next_cursor": page.get("endCursor") if page.get("hasNextPage") else None}


def _project(p):
    return {
        "id": p.get("id"),
        "name": p.get("name"),
        "description": p.get("description"),
        "url": p.get("url"),
        "status": (p.get("status") or {}).get("name"),
        "lead": (p.get("lead") or {}).get("name"),
        "teams": [t.get("key") for t in nodes(p.get("teams"))],
        "progress": p.get("progress"),
        "start_date": p.get("startDate"),
        "target_date": p.get("targetDate"),
    }
