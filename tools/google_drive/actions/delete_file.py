from ..app import api, app, file_id, seg


@app.action(
    "delete-file",
    title="Delete File Permanently",
    description=(
        "Permanently delete a Google Drive file or folder (with everything in it), skipping the trash. This cannot be "
        "undone; prefer google_drive-trash-file unless the user asked for permanent deletion. Only the owner (or a "
        "shared drive organizer) can do this. To remove only one person's access, use google_drive-remove-permission."
    ),
    props={"fileId": app.definition("fileId")},
    destructive=True,
    idempotent=True,
)
async def delete_file(ctx):
    fid = file_id(ctx.props.fileId)
    await api(ctx, "DELETE", f"/files/{seg(fid)}", params={"supportsAllDrives": "true"})
    ctx.summary = f"Permanently deleted {fid}"
    return {"deleted": True, "id": fid}
