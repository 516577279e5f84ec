from mcp_gateway.catalog import props, within

from ..app import FILE_FIELDS, FOLDER_MIME, app, collect, file_id, file_summary, plural, query_literal

_TYPES = {
    "folder": FOLDER_MIME,
    "document": "application/vnd.google-apps.document",
    "spreadsheet": "application/vnd.google-apps.spreadsheet",
    "presentation": "application/vnd.google-apps.presentation",
    "pdf": "application/pdf",
}


@app.action(
    "list-files",
    title="List or Search Files",
    description=(
        "List or search files and folders in the connected user's Google Drive: in a folder, by name, by type, by "
        "full-text content, or with a raw Drive query. Returns each file's ID, name, type, size, modified time, parent "
        "folders and web link, newest first. With a file's ID in hand, use google_drive-get-file for its details or "
        "google_drive-download-file for its content; for shared drives themselves, google_drive-list-shared-drives."
    ),
    props={
        "folderId": app.definition("folderId", optional=True, description=(
            "Only items directly inside this folder: a folder ID such as `0BwwA4oUTeiV1TGRPeTVjaWRDY1E`, or `root` "
            "for the top of My Drive. Leave empty to search everywhere."
        )),
        "nameContains": props.string(
            "Name Contains", "Only items whose name contains this text (case-insensitive), e.g. `invoice`.", optional=True
        ),
        "fullText": props.string(
            "Content Contains",
            "Only files whose name, description or content contains this text, e.g. `quarterly revenue`.",
            optional=True,
        ),
        "type": props.string(
            "Type",
            "Only one kind of item: `folder`, `document` (Google Docs), `spreadsheet` (Google Sheets), `presentation` "
            "(Google Slides), `pdf`, or any MIME type such as `image/png`.",
            optional=True,
        ),
        "q": props.string(
            "Drive Query",
            "An extra condition in Drive's query language, combined with the others, e.g. "
            "`modifiedTime > '2024-05-01T00:00:00'`, `'ada@example.com' in owners` or `starred = true`.",
            optional=True,
        ),
        "includeTrashed": props.boolean(
            "Include Trash", "`true` to include items in the trash; `false` (the default) leaves them out.", default=False
        ),
        "driveId": app.definition("driveId"),
        "orderBy": props.string(
            "Order",
            "Sort order, e.g. `modifiedTime desc` (the default), `name`, `createdTime desc` or `folder,name`. Ignored "
            "with Content Contains, which sorts by relevance.",
            default="modifiedTime desc",
        ),
        "limit": props.limit("files"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("files", file_summary),
)
async def list_files(ctx):
    clauses = []
    if not ctx.props.includeTrashed:
        clauses.append("trashed = false")
    if ctx.props.get("folderId"):
        clauses.append(f"{query_literal(file_id(ctx.props.folderId, 'folderId'))} in parents")
    if ctx.props.get("nameContains"):
        clauses.append(f"name contains {query_literal(ctx.props.nameContains)}")
    if ctx.props.get("fullText"):
        clauses.append(f"fullText contains {query_literal(ctx.props.fullText)}")
    if ctx.props.get("type"):
        kind = str(ctx.props.type).strip()
        clauses.append(f"mimeType = {query_literal(_TYPES.get(kind, kind))}")
    if ctx.props.get("q"):
        clauses.append(f"({ctx.props.q})")
    params = {
        "fields": f"nextPageToken,files({FILE_FIELDS})",
        "supportsAllDrives": "true",
        "includeItemsFromAllDrives": "true",
    }
    if clauses:
        params["q"] = " and ".join(clauses)
    if not ctx.props.get("fullText") and ctx.props.get("orderBy"):
        params["orderBy"] = ctx.props.orderBy
    if ctx.props.get("driveId"):
        params.update(corpora="drive", driveId=ctx.props.driveId)
    files, token = await collect(ctx, "/files", "files", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    more = " (more with next_cursor)" if token else ""
    ctx.summary = f"Found {plural(len(files), 'item')} in Google Drive{more}"
    return {"files": files, "next_cursor": token}
