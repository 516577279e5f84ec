from mcp_gateway.catalog import props, within

from ..app import PAGE, api, app, collect, listed


@app.action(
    "list-workspaces",
    title="List Workspaces",
    description=(
        "List the Smartsheet workspaces the user can see, with their IDs, access level and links. To find sheets use "
        "smartsheet-list-sheets or smartsheet-search."
    ),
    props={"limit": props.limit("workspaces"), "cursor": props.cursor()},
    read_only=True,
    trim=within("workspaces", listed),
)
async def list_workspaces(ctx):
    async def fetch(page):
        return await api(ctx, "GET", "/workspaces", params={"page": page, "pageSize": PAGE})

    _, workspaces, following = await collect(fetch, "data", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(workspaces)} workspace{'s' if len(workspaces) != 1 else ''}"
    return {"workspaces": workspaces, "next_cursor": following}
