from mcp_gateway.catalog import props

from ..app import app, graph, item_path


@app.action(
    "copy-item",
    title="Copy Item",
    description=(
        "Copy a OneDrive file or folder into a folder, optionally under a new name. OneDrive copies in the background: "
        "the copy shows up in the folder shortly (find it with microsoft_onedrive-list-files)."
    ),
    props={
        "itemId": app.definition("itemId"),
        "destinationFolderId": app.definition("folderId", label="Destination Folder", description=(
            "The folder to copy into (its ID, or `root` for the top).")),
        "newName": props.string("New Name", "The copy's name; defaults to the original's.", optional=True),
    },
)
async def copy_item(ctx):
    folder = await graph(ctx, "GET", item_path(ctx.props.get("destinationFolderId")), params={"$select": "id,parentReference"})
    body = {"parentReference": {"driveId": (folder.get("parentReference") or {}).get("driveId"), "id": folder["id"]}}
    if not body["parentReference"]["driveId"]:
        del body["parentReference"]["driveId"]
    if ctx.props.get("newName"):
        body["name"] = ctx.props.newName
    response = await graph(ctx, "POST", f"{item_path(ctx.props.itemId)}/copy", json_body=body, raw=True)
    ctx.summary = "Started the copy"
    return {"status": "copying", "monitor_url": response.headers.get("location")}
