from mcp_gateway.catalog import within

from ..app import api, app


def _workspace(team):
    return {"id": team.get("id"), "name": team.get("name"), "color": team.get("color"),
            "members": [{"id": (m.get("user") or {}).get("id"), "username": (m.get("user") or {}).get("username"),
                         "email": (m.get("user") or {}).get("email")} for m in team.get("members") or []]}


@app.action(
    "list-workspaces",
    title="List Workspaces",
    description=(
        "List the ClickUp workspaces (the API's teams) the user authorized for this connection, with their members' "
        "user IDs (use them as assignees). Start here: every other ClickUp action works inside one workspace; next, "
        "clickup-list-spaces lists a workspace's spaces."
    ),
    read_only=True,
    trim=within("workspaces", _workspace),
)
async def list_workspaces(ctx):
    teams = (await api(ctx, "GET", "/team")).get("teams") or []
    ctx.summary = f"Listed {len(teams)} workspace{'s' if len(teams) != 1 else ''}"
    return {"workspaces": teams}
