from mcp_gateway.catalog import props, within

from ..app import app, collect, workspace_summary


@app.action(
    "list-workspaces",
    title="List Workspaces",
    description=(
        "List the Bitbucket workspaces the connected user belongs to, with their slugs and the user's permission "
        "(`owner`, `collaborator` or `member`). A workspace's `slug` is what the other Bitbucket actions take."
    ),
    props={"limit": props.limit("workspaces"), "cursor": props.cursor()},
    read_only=True,
    trim=within("workspaces", workspace_summary),
)
async def list_workspaces(ctx):
    memberships, cursor = await collect(ctx, "/user/permissions/workspaces", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(memberships)} workspace{'s' if len(memberships) != 1 else ''}"
    return {"workspaces": memberships, "next_cursor": cursor}
