from ..app import api, app, file_id, seg


@app.action(
    "trash-file",
    title="Move File to Trash",
    description=(
        "Move a Google Drive file or folder (with its contents) to the trash. It can be restored from the trash in "
        "Drive for 30 days; use google_drive-delete-file to delete at once."
    ),
    props={"fileId": app.definition("fileId")},
    destructive=True,
    idempotent=True,
)
async def trash_file(ctx):
    fid = file_id(ctx.props.fileId)
    item = await api(
        ctx,
        "PATCH",
        f"/files/{seg(fid)}",
        params={"supportsAllDrives": "true", "fields": "id,name,trashed"},
        json={"trashed": True},
    )
    ctx.summary = f"Moved {item.get('name') or fid} to the trash"
    return {"id": item.get("id") or fid, "name": item.get("name"), "trashed": bool(item.get("trashed", True))}
