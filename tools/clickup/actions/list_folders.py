from mcp_gateway.catalog import props, within

from ..app import api, app, folder_summary


@app.action(
    "list-folders",
    title="List Folders",
    description=(
        "List the folders of a ClickUp space, each with the lists in it. Lists directly in the space (outside any "
        "folder) are not here: use clickup-list-lists with only the space for those."
    ),
    props={
        "workspaceId": app.definition("workspaceId"),
        "spaceId": app.definition("spaceId"),
        "archived": props.boolean("Archived", "List archived folders instead of active ones.", optional=True, default=False),
    },
    read_only=True,
    trim=within("folders", folder_summary),
)
async def list_folders(ctx):
    params = {"archived": str(bool(ctx.props.get("archived"))).lower()}
    folders = (await api(ctx, "GET", f"/space/{ctx.props.spaceId}/folder", params=params)).get("folders") or []
    ctx.summary = f"Listed {len(folders)} folder{'s' if len(folders) != 1 else ''}"
    return {"folders": folders}
