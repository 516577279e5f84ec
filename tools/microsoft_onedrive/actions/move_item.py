from mcp_gateway.catalog import ActionError, props

from ..app import app, graph, item_path, item_summary


@app.action(
    "move-item",
    title="Move or Rename Item",
    description=(
        "Move a OneDrive file or folder to another folder, rename it, or both. To keep the original and make a copy, "
        "use microsoft_onedrive-copy-item."
    ),
    props={
        "itemId": app.definition("itemId"),
        "destinationFolderId": app.definition("folderId", label="Destination Folder", default=None, description=(
            "The folder to move it into (its ID, or `root` for the top); leave empty to keep it where it is.")),
        "newName": props.string("New Name", "A new name; leave empty to keep the name.", optional=True),
    },
    idempotent=True,
    trim=item_summary,
)
async def move_item(ctx):
    body = {}
    if ctx.props.get("newName"):
        body["name"] = ctx.props.newName
    if ctx.props.get("destinationFolderId"):
        folder = await graph(ctx, "GET", item_path(ctx.props.destinationFolderId), params={"$select": "id"})
        body["parentReference"] = {"id": folder["id"]}
    if not body:
        raise ActionError("give a destinationFolderId, a newName, or both")
    item = await graph(ctx, "PATCH", item_path(ctx.props.itemId), json_body=body)
    ctx.summary = f"Moved or renamed {item.get('name')}"
    return item
