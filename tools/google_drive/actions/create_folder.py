from mcp_gateway.catalog import props

from ..app import FILE_FIELDS, FOLDER_MIME, api, app, file_id, file_summary


@app.action(
    "create-folder",
    title="Create Folder",
    description=(
        "Create a folder in the connected user's Google Drive, at the top of My Drive or inside another folder. "
        "Returns the new folder's ID (to upload, move or copy files into it) and web link. To find an existing folder, "
        "use google_drive-list-files with type `folder`."
    ),
    props={
        "name": props.string("Name", "The folder's name, e.g. `2024 Invoices`."),
        "parentId": app.definition("folderId", optional=True, label="Parent Folder", description=(
            "The folder to create it in: a folder ID such as `0BwwA4oUTeiV1TGRPeTVjaWRDY1E`, or `root` for the top "
            "of My Drive (the default)."
        )),
    },
    trim=file_summary,
)
async def create_folder(ctx):
    body = {"name": ctx.props.name, "mimeType": FOLDER_MIME}
    if ctx.props.get("parentId"):
        body["parents"] = [file_id(ctx.props.parentId, "parentId")]
    folder = await api(ctx, "POST", "/files", params={"supportsAllDrives": "true", "fields": FILE_FIELDS}, json=body)
    ctx.summary = f"Created folder {folder.get('name')} ({folder.get('id')})"
    return folder
