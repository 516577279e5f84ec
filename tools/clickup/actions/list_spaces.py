from mcp_gateway.catalog import props, within

from ..app import api, app, space_summary


@app.action(
    "list-spaces",
    title="List Spaces",
    description=(
        "List the spaces of a ClickUp workspace, with the task statuses each space uses. Next, clickup-list-folders "
        "lists a space's folders and clickup-list-lists its lists (in folders or not)."
    ),
    props={
        "workspaceId": app.definition("workspaceId"),
        "archived": props.boolean("Archived", "List archived spaces instead of active ones.", optional=True, default=False),
    },
    read_only=True,
    trim=within("spaces", space_summary),
)
async def list_spaces(ctx):
    params = {"archived": str(bool(ctx.props.get("archived"))).lower()}
    spaces = (await api(ctx, "GET", f"/team/{ctx.props.workspaceId}/space", params=params)).get("spaces") or []
    ctx.summary = f"Listed {len(spaces)} space{'s' if len(spaces) != 1 else ''}"
    return {"spaces": spaces}
