from mcp_gateway.catalog import ActionError, props

from ..app import FILE_FIELDS, UPLOAD_API, app, file_id, file_summary, multipart_body, request

_GOOGLE_DOC = "application/vnd.google-apps.document"
_TEXT_TYPES = {"text/plain", "text/markdown", "text/html", "text/csv"}


@app.action(
    "create-file-from-text",
    title="Create File from Text",
    description=(
        "Create a file in Google Drive from text given here: a plain text, Markdown, HTML or CSV file, or (with "
        "convertToGoogleDoc) a Google Doc made from that text. Use it for notes, reports and exports written in this "
        "step; to upload a file saved in /tmp, use google_drive-upload-file. Returns the new file's ID and web link."
    ),
    props={
        "name": props.string("Name", "The file's name, e.g. `Meeting notes.txt` or `Summary` for a Google Doc."),
        "content": props.string("Content", "The text to put in the file."),
        "mimeType": props.string(
            "Content Type",
            "What the text is: `text/plain` (the default), `text/markdown`, `text/html` or `text/csv`.",
            options=sorted(_TEXT_TYPES),
            default="text/plain",
        ),
        "convertToGoogleDoc": props.boolean(
            "Convert to Google Doc",
            "`true` to make an editable Google Doc from the text (Markdown and HTML keep their headings and lists); "
            "`false` (the default) stores the text file as it is.",
            default=False,
        ),
        "folderId": app.definition("folderId", optional=True, description=(
            "The folder to create it in: a folder ID such as `0BwwA4oUTeiV1TGRPeTVjaWRDY1E`, or `root` for the top "
            "of My Drive (the default)."
        )),
    },
    trim=file_summary,
)
async def create_file_from_text(ctx):
    mime = ctx.props.mimeType
    if mime not in _TEXT_TYPES:
        raise ActionError(f"mimeType {mime!r} must be one of {', '.join(sorted(_TEXT_TYPES))}")
    metadata = {"name": ctx.props.name}
    if ctx.props.convertToGoogleDoc:
        metadata["mimeType"] = _GOOGLE_DOC
    if ctx.props.get("folderId"):
        metadata["parents"] = [file_id(ctx.props.folderId, "folderId")]
    boundary, body = multipart_body(metadata, str(ctx.props.content).encode(), f"{mime}; charset=UTF-8")
    response = await request(
        ctx,
        "POST",
        f"{UPLOAD_API}/files",
        params={"uploadType": "multipart", "supportsAllDrives": "true", "fields": FILE_FIELDS},
        content=body,
        headers={"Content-Type": f"multipart/related; boundary={boundary}"},
    )
    created = response.json()
    kind = "Google Doc" if ctx.props.convertToGoogleDoc else "file"
    ctx.summary = f"Created {kind} {created.get('name')} ({created.get('id')})"
    return created
