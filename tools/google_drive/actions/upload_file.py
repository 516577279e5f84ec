import asyncio
import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import FILE_FIELDS, UPLOAD_API, app, file_id, file_summary, multipart_body, request

# Multipart uploads carry the metadata and the bytes in one request; Google takes them up to 5 MB.
MULTIPART_LIMIT = 5 * 1024 * 1024

_CONVERT = {
    "application/vnd.google-apps.document": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
        "application/vnd.oasis.opendocument.text",
        "application/rtf",
        "text/rtf",
        "text/plain",
        "text/html",
        "text/markdown",
    },
    "application/vnd.google-apps.spreadsheet": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
        "application/vnd.oasis.opendocument.spreadsheet",
        "text/csv",
        "text/tab-separated-values",
    },
    "application/vnd.google-apps.presentation": {
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.ms-powerpoint",
        "application/vnd.oasis.opendocument.presentation",
    },
}


def google_type_for(mime):
    return next((target for target, sources in _CONVERT.items() if mime in sources), None)


@app.action(
    "upload-file",
    title="Upload File",
    description=(
        "Upload a file from /tmp to the connected user's Google Drive, into a chosen folder (My Drive's top level by "
        "default), optionally converting it to a Google Doc, Sheet or Slides (e.g. a .docx, .csv or .pptx). The file "
        "comes from a path an earlier step saved (pass that step's stash_id) or the file_id of an uploaded file. "
        "Returns the new file's ID, name, type, size and web link. To make a file from text written in this step, "
        "use google_drive-create-file-from-text instead."
    ),
    props={
        "filePath": props.string(
            "File",
            "The file to upload: a path under /tmp such as `/tmp/report.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "folderId": app.definition("folderId", optional=True, description=(
            "The folder to put the file in: a folder ID such as `0BwwA4oUTeiV1TGRPeTVjaWRDY1E`, or `root` for the "
            "top of My Drive (the default)."
        )),
        "name": props.string(
            "Name", "The file's name in Drive, e.g. `Q3 report.pdf`. Defaults to the file's own name.", optional=True
        ),
        "mimeType": props.string(
            "Content Type",
            "The file's MIME type, e.g. `application/pdf`. Guessed from the file name when left empty.",
            optional=True,
        ),
        "convertToGoogleFormat": props.boolean(
            "Convert to Google Format",
            "`true` to turn Word, text, HTML or Markdown files into Google Docs, Excel/CSV into Google Sheets, and "
            "PowerPoint into Google Slides; `false` (the default) keeps the file as it is.",
            default=False,
        ),
        "description": props.string("Description", "A description shown in the file's details.", optional=True),
    },
    stash="optional",
    trim=file_summary,
)
async def upload_file(ctx):
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id as the file"
        ) from None
    mime = ctx.props.get("mimeType") or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    name = ctx.props.get("name") or path.name
    metadata = {"name": name}
    if ctx.props.convertToGoogleFormat:
        target = google_type_for(mime)
        if target is None:
            raise ActionError(
                f"{mime} files cannot be converted to a Google format; upload without convertToGoogleFormat"
            )
        metadata["mimeType"] = target
        if not ctx.props.get("name") and "." in name:
            metadata["name"] = name.rsplit(".", 1)[0]
    if ctx.props.get("folderId"):
        metadata["parents"] = [file_id(ctx.props.folderId, "folderId")]
    if ctx.props.get("description"):
        metadata["description"] = ctx.props.description
    params = {"supportsAllDrives": "true", "fields": FILE_FIELDS}

    if len(data) <= MULTIPART_LIMIT:
        boundary, body = multipart_body(metadata, data, mime)
        response = await request(
            ctx,
            "POST",
            f"{UPLOAD_API}/files",
            params={"uploadType": "multipart", **params},
            content=body,
            headers={"Content-Type": f"multipart/related; boundary={boundary}"},
        )
    else:
        # Larger files: open a resumable session, then send the bytes to it in one request.
        session = await request(
            ctx,
            "POST",
            f"{UPLOAD_API}/files",
            params={"uploadType": "resumable", **params},
            json=metadata,
            headers={"X-Upload-Content-Type": mime, "X-Upload-Content-Length": str(len(data))},
        )
        location = session.headers.get("location")
        if not location:
            raise ActionError("Google Drive did not return an upload URL for the resumable upload; try again")
        response = await request(ctx, "PUT", location, content=data, headers={"Content-Type": mime})
    uploaded = response.json()
    ctx.summary = f"Uploaded {path.name} ({len(data)} bytes) to Google Drive as {uploaded.get('name')}"
    return uploaded
