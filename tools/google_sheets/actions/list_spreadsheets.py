from mcp_gateway.catalog import props, within

from ..app import DRIVE_API, MY_DRIVE, SPREADSHEET_MIME, api, app, drive_query_literal, plural

_FIELDS = "nextPageToken,files(id,name,createdTime,modifiedTime,webViewLink,owners(displayName,emailAddress))"


def _spreadsheet(item):
    out = {
        "id": item.get("id"),
        "name": item.get("name"),
        "modifiedTime": item.get("modifiedTime"),
        "createdTime": item.get("createdTime"),
        "webViewLink": item.get("webViewLink"),
        "owners": [o.get("emailAddress") or o.get("displayName") for o in item.get("owners") or []] or None,
    }
    return {k: v for k, v in out.items() if v is not None}


@app.action(
    "list-spreadsheets",
    title="List Spreadsheets",
    description=(
        "Find the Google Sheets spreadsheets the user can open (their own and shared with them, or those of one "
        "shared drive), optionally by name, most recently changed first. The `id` returned is what sheetId takes in "
        "the other actions. For one spreadsheet's worksheets, use google_sheets-list-worksheets."
    ),
    props={
        "drive": app.definition("drive"),
        "nameContains": props.string(
            "Name Contains", "Only spreadsheets whose name contains this text (case-insensitive), e.g. `budget`.", optional=True
        ),
        "limit": props.limit("spreadsheets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("spreadsheets", _spreadsheet),
)
async def list_spreadsheets(ctx):
    q = f"mimeType='{SPREADSHEET_MIME}' and trashed=false"
    if ctx.props.get("nameContains"):
        q += f" and name contains {drive_query_literal(ctx.props.nameContains)}"
    params = {"q": q, "fields": _FIELDS, "orderBy": "modifiedTime desc"}
    drive = ctx.props.get("drive")
    if drive and drive != MY_DRIVE:
        params.update(driveId=drive, corpora="drive", includeItemsFromAllDrives="true", supportsAllDrives="true")
    found, token = [], ctx.props.get("cursor") or None
    while len(found) < ctx.props.limit:
        query = {**params, "pageSize": ctx.props.limit - len(found)}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", f"{DRIVE_API}/files", params=query)
        found.extend(page.get("files") or [])
        token = page.get("nextPageToken")
        if not token:
            break
    ctx.summary = f"Found {plural(len(found), 'spreadsheet')}"
    return {"spreadsheets": found[: ctx.props.limit], "next_cursor": token}
