import asyncio

from mcp_gateway.catalog import ActionError, props

from ..app import FOLDER_MIME, GOOGLE_APPS_PREFIX, api, app, file_id, request, safe_filename, seg

# Export formats by file extension.
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "html": "text/html",
    "epub": "application/epub+zip",
    "md": "text/markdown",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "svg": "image/svg+xml",
    "json": "application/vnd.google-apps.script+json",
}

# What each kind of Google file can be exported to; the first is the default.
EXPORTS = {
    "document": ["pdf", "docx", "odt", "rtf", "txt", "html", "epub", "md"],
    "spreadsheet": ["xlsx", "pdf", "csv", "tsv", "ods"],
    "presentation": ["pdf", "pptx", "odp", "txt"],
    "drawing": ["png", "pdf", "jpg", "svg"],
    "script": ["json"],
}


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


@app.action(
    "download-file",
    title="Download File",
    description=(
        "Download a Google Drive file into /tmp, where later steps (and File Stash) can pick it up. Google Docs, Sheets, "
        "Slides and Drawings are exported to a format of choice (by default PDF for Docs and Slides, XLSX for Sheets, "
        "PNG for Drawings; exports are limited to 10 MB); other files are saved as they are. Returns the saved path, "
        "name, type and size. For the details without the content use google_drive-get-file."
    ),
    props={
        "fileId": app.definition("fileId"),
        "exportFormat": props.string(
            "Export Format",
            "For Google files only, the format to export to: Docs `pdf`, `docx`, `odt`, `rtf`, `txt`, `html`, `epub`, "
            "`md`; Sheets `xlsx`, `pdf`, `csv` (first sheet), `tsv`, `ods`; Slides `pdf`, `pptx`, `odp`, `txt`; Drawings "
            "`png`, `pdf`, `jpg`, `svg`. Ignored for other files.",
            options=list(FORMATS),
            optional=True,
        ),
        "filePath": props.string(
            "File Path",
            "Where to save it, under /tmp, e.g. `/tmp/report.pdf`. Defaults to `/tmp/<file name>` (with the export "
            "format's extension for Google files).",
            optional=True,
        ),
    },
    stash="optional",
)
async def download_file(ctx):
    fid = file_id(ctx.props.fileId)
    meta = await api(
        ctx, "GET", f"/files/{seg(fid)}", params={"fields": "id,name,mimeType,size", "supportsAllDrives": "true"}
    )
    mime, name = meta.get("mimeType") or "", meta.get("name") or fid
    if mime == FOLDER_MIME:
        raise ActionError(f"{name} is a folder; list its files with google_drive-list-files and download them one by one")
    if mime.startswith(GOOGLE_APPS_PREFIX):
        kind = mime[len(GOOGLE_APPS_PREFIX):]
        allowed = EXPORTS.get(kind)
        if not allowed:
            raise ActionError(f"{name} is a Google {kind}, which cannot be downloaded or exported; open its web link instead")
        fmt = str(ctx.props.get("exportFormat") or allowed[0]).lower().lstrip(".")
        fmt = "jpg" if fmt == "jpeg" else fmt
        if fmt not in allowed:
            raise ActionError(f"a Google {kind} can be exported as {', '.join(allowed)}, not {fmt!r}")
        saved_mime = FORMATS[fmt]
        response = await request(ctx, "GET", f"/files/{seg(fid)}/export", params={"mimeType": saved_mime})
        filename = safe_filename(name if name.lower().endswith(f".{fmt}") else f"{name}.{fmt}")
    else:
        saved_mime = mime
        response = await request(ctx, "GET", f"/files/{seg(fid)}", params={"alt": "media", "supportsAllDrives": "true"})
        filename = safe_filename(name)
    file_path = ctx.props.get("filePath") or f"/tmp/{filename}"
    content = response.content
    await asyncio.to_thread(_save, ctx.tmp_path(file_path), content)
    exported = f" (exported as {saved_mime})" if saved_mime != mime else ""
    ctx.summary = f"Downloaded {name} ({len(content)} bytes) to {file_path}{exported}"
    return {"filePath": file_path, "name": name, "mimeType": saved_mime, "size": len(content), "fileId": fid}
