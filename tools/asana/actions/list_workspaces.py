from mcp_gateway.catalog import props, within

from ..app import app, collect


def _workspace(workspace):
    return {"gid": workspace.get("gid"), "name": workspace.get("name"), "is_organization": workspace.get("is_organization")}


@app.action(
    "list-workspaces",
    title="List Workspaces",
    description=(
        "List the Asana workspaces and organizations the connected user belongs to, with each one's gid. Most "
        "other Asana tools need a workspace gid; start here, then use asana-list-projects for its projects."
    ),
    props={"limit": props.limit("workspaces"), "cursor": props.cursor()},
    read_only=True,
    trim=within("workspaces", _workspace),
)
async def list_workspaces(ctx):
    workspaces, following = await collect(
        ctx, "/workspaces", {"opt_fields": "name,is_organization"}, limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    ctx.summary = f"Listed {len(workspaces)} workspace{'s' if len(workspaces) != 1 else ''}"
    return {"workspaces": workspaces, "next_cursor": following}
