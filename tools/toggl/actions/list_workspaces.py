from mcp_gateway.catalog import each

from ..app import api, app


def _workspace(workspace):
    return {"id": workspace.get("id"), "name": workspace.get("name"), "organization_id": workspace.get("organization_id"),
            "role": workspace.get("role"), "admin": workspace.get("admin"), "premium": workspace.get("premium"),
            "default_currency": workspace.get("default_currency")}


@app.action(
    "list-workspaces",
    title="List Workspaces",
    description=(
        "List the Toggl Track workspaces the user belongs to, with their IDs and the user's role, to pick the "
        "workspaceId the project and time entry actions need."
    ),
    read_only=True,
    trim=each(_workspace),
)
async def list_workspaces(ctx):
    workspaces = await api(ctx, "GET", "/me/workspaces") or []
    ctx.summary = f"Found {len(workspaces)} workspace{'s' if len(workspaces) != 1 else ''}"
    return workspaces
