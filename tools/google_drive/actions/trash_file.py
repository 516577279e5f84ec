from ..app import FILE_FIELDS, api, app, file_id, file_summary, seg


@app.action(
    "trash-file",
    title="Move File to Trash",
    description=(
        "Move a Google Drive file or folder (with its contents) to the trash. It can be restored from the trash in "
        "Drive for 30 days (google_drive-restore-file brings it back); use google_drive-delete-file to delete at once. "
        "Returns the item, now with `trashed` true."
    ),
    props={"fileId": app.definition("fileId")},
    destructive=True,
    idempotent=True,
    trim=file_summary,
)
async def trash_file(ctx):
    fid = file_id(ctx.props.fileId)
    item = await api(
        ctx,
        "PATCH",
        f"/files/{seg(fid)}",
        params={"supportsAllDrives": "true", "fields": FILE_FIELDS},
        json={"trashed": True},
    )
    ctx.summary = f"Moved {item.get('name') or fid} to the trash"
    return item
