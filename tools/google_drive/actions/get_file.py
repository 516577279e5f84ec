from ..app import FILE_FIELDS, api, app, file_id, file_summary, seg

_FIELDS = (
    f"{FILE_FIELDS},description,starred,shared,webContentLink,"
    "lastModifyingUser(displayName,emailAddress),capabilities(canEdit,canShare,canDownload,canTrash,canDelete)"
)


def _details(item):
    result = file_summary(item)
    for key in ("description", "starred", "shared", "webContentLink", "capabilities"):
        if item.get(key) is not None:
            result[key] = item[key]
    if item.get("lastModifyingUser"):
        user = item["lastModifyingUser"]
        result["lastModifiedBy"] = user.get("emailAddress") or user.get("displayName")
    return result


@app.action(
    "get-file",
    title="Get File Details",
    description=(
        "Get the details of a Google Drive file or folder: name, type, size, created and modified times, owners, "
        "parent folders, web link, whether it is shared or trashed, and what the user may do with it. Does not "
        "download the content (use google_drive-download-file); to find a file by name first, use "
        "google_drive-list-files."
    ),
    props={"fileId": app.definition("fileId")},
    read_only=True,
    trim=_details,
)
async def get_file(ctx):
    item = await api(
        ctx, "GET", f"/files/{seg(file_id(ctx.props.fileId))}", params={"fields": _FIELDS, "supportsAllDrives": "true"}
    )
    ctx.summary = f"Read the details of {item.get('name')} ({item.get('mimeType')})"
    return item
