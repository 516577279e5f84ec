from ..app import app, path_arg, rpc


@app.action(
    "create-folder",
    title="Create Folder",
    description="Create a folder in Dropbox, with any missing parent folders. Returns the new folder's path and ID.",
    props={
        "path": app.definition("path", description="The new folder's path, e.g. `/Reports/2025/Q3`."),
        "autorename": app.definition("autorename"),
    },
)
async def create_folder(ctx):
    data = await rpc(
        ctx, "files/create_folder_v2", {"path": path_arg(ctx.props.path), "autorename": bool(ctx.props.autorename)}
    )
    folder = data.get("metadata") or {}
    ctx.summary = f"Created folder {folder.get('path_display')}"
    return {
        "name": folder.get("name"),
        "path_display": folder.get("path_display"),
        "path_lower": folder.get("path_lower"),
        "id": folder.get("id"),
    }
