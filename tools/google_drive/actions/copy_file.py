from mcp_gateway.catalog import props

from ..app import FILE_FIELDS, api, app, file_id, file_summary, seg


@app.action(
    "copy-file",
    title="Copy File",
    description=(
        "Make a copy of a Google Drive file (not a folder), optionally with a new name and in another folder; "
        "by default the copy is named `Copy of <name>` next to the original. Copying a Google Doc, Sheet or Slides gives an editable duplicate (a simple way to fill a template). "
        "To put the same file in another folder without duplicating it, use google_drive-move-file. Returns the copy's "
        "ID, name and web link."
    ),
    props={
        "fileId": app.definition("fileId", description=(
            "The ID of the file to copy, e.g. `1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ` (or its URL). Folders cannot be copied."
        )),
        "name": props.string("Name", "The copy's name, e.g. `Budget 2025`.", optional=True),
        "folderId": app.definition("folderId", optional=True, label="Destination Folder", description=(
            "The folder to put the copy in: a folder ID, or `root` for the top of My Drive. Defaults to the "
            "original's folder."
        )),
    },
    trim=file_summary,
)
async def copy_file(ctx):
    body = {}
    if ctx.props.get("name"):
        body["name"] = ctx.props.name
    if ctx.props.get("folderId"):
        body["parents"] = [file_id(ctx.props.folderId, "folderId")]
    copy = await api(
        ctx,
        "POST",
        f"/files/{seg(file_id(ctx.props.fileId))}/copy",
        params={"supportsAllDrives": "true", "fields": FILE_FIELDS},
        json=body,
    )
    ctx.summary = f"Copied the file to {copy.get('name')} ({copy.get('id')})"
    return copy
