from ..app import FILE_FIELDS, api, app, file_id, file_summary, seg


@app.action(
    "move-file",
    title="Move File",
    description=(
        "Move a Google Drive file or folder into another folder (taking it out of its current folder). Returns the "
        "item with its new parent. To rename it instead, use google_drive-update-file; to duplicate it, "
        "google_drive-copy-file."
    ),
    props={
        "fileId": app.definition("fileId", description=(
            "The ID of the file or folder to move, e.g. `1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ` (or its URL)."
        )),
        "folderId": app.definition("folderId", label="Destination Folder", description=(
            "The folder to move it into: a folder ID such as `0BwwA4oUTeiV1TGRPeTVjaWRDY1E`, or `root` for the top "
            "of My Drive."
        )),
    },
    idempotent=True,
    trim=file_summary,
)
async def move_file(ctx):
    fid, destination = file_id(ctx.props.fileId), file_id(ctx.props.folderId, "folderId")
    current = await api(
        ctx, "GET", f"/files/{seg(fid)}", params={"fields": "id,name,parents", "supportsAllDrives": "true"}
    )
    params = {"addParents": destination, "supportsAllDrives": "true", "fields": FILE_FIELDS}
    old = [p for p in current.get("parents") or [] if p != destination]
    if old:
        params["removeParents"] = ",".join(old)
    moved = await api(ctx, "PATCH", f"/files/{seg(fid)}", params=params, json={})
    ctx.summary = f"Moved {moved.get('name') or current.get('name')} to folder {destination}"
    return moved
