from ..app import FILE_FIELDS, api, app, file_id, file_summary, seg


@app.action(
    "restore-file",
    title="Restore File from Trash",
    description=(
        "Take a Google Drive file or folder out of the trash, back into the folder it was in. Works for items moved to "
        "the trash in the last 30 days (by google_drive-trash-file or in Drive); permanently deleted items cannot be "
        "restored. Find trashed items with google_drive-list-files and includeTrashed. Returns the restored item."
    ),
    props={"fileId": app.definition("fileId")},
    idempotent=True,
    trim=file_summary,
)
async def restore_file(ctx):
    fid = file_id(ctx.props.fileId)
    item = await api(
        ctx,
        "PATCH",
        f"/files/{seg(fid)}",
        params={"supportsAllDrives": "true", "fields": FILE_FIELDS},
        json={"trashed": False},
    )
    ctx.summary = f"Restored {item.get('name') or fid} from the trash"
    return item
