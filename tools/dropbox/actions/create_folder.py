from ..app import app, metadata_of, path_arg, rpc


@app.action(
    "create-folder",
    title="Create Folder",
    description=(
        "Create a folder in Dropbox, with any missing parent folders. Returns the new folder's path and ID. "
        "dropbox-upload-file creates the folders of its path by itself."
    ),
    props={
        "path": app.definition("path", description="The new folder's path, e.g. `/Reports/2025/Q3`."),
        "autorename": app.definition("autorename"),
    },
    trim=metadata_of,
)
async def create_folder(ctx):
    data = await rpc(
        ctx, "files/create_folder_v2", {"path": path_arg(ctx.props.path), "autorename": bool(ctx.props.autorename)}
    )
    ctx.summary = f"Created folder {(data.get('metadata') or {}).get('path_display')}"
    return data
