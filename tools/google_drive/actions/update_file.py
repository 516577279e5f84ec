from mcp_gateway.catalog import ActionError, props

from ..app import FILE_FIELDS, api, app, file_id, file_summary, seg


@app.action(
    "update-file",
    title="Rename or Update File",
    description=(
        "Rename a Google Drive file or folder, or change its description or star, without touching its content. "
        "Only the fields given change. To move it to another folder use google_drive-move-file; to replace its content, "
        "upload a new file with google_drive-upload-file. Returns the updated item."
    ),
    props={
        "fileId": app.definition("fileId"),
        "name": props.string("New Name", "The new name, e.g. `Q3 report (final).pdf`.", optional=True),
        "description": props.string(
            "Description", "The new description shown in the file's details; an empty string removes it.", optional=True
        ),
        "starred": props.boolean("Starred", "`true` to star the item, `false` to unstar it.", optional=True),
    },
    destructive=True,
    idempotent=True,
    trim=file_summary,
)
async def update_file(ctx):
    fid = file_id(ctx.props.fileId)
    body = {}
    if ctx.props.get("name") is not None:
        if not str(ctx.props.name).strip():
            raise ActionError("name is empty; give the new name, e.g. `Q3 report (final).pdf`")
        body["name"] = ctx.props.name
    for field in ("description", "starred"):
        if ctx.props.get(field) is not None:
            body[field] = ctx.props[field]
    if not body:
        raise ActionError("nothing to change: give a new name, description or starred")
    item = await api(
        ctx, "PATCH", f"/files/{seg(fid)}", params={"supportsAllDrives": "true", "fields": FILE_FIELDS}, json=body
    )
    ctx.summary = f"Updated {item.get('name') or fid} ({', '.join(body)})"
    return item
