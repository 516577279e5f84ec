import json
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, props

DRIVE_API = "https://www.googleapis.com/drive/v3"
MY_DRIVE = "My Drive"
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


async def _account_test(ctx):
    """The Google account's email and Drive user ID (`about.get`, allowed by the drive.readonly scope)."""
    user = (await ctx.http.get(f"{DRIVE_API}/about", params={"fields": "user"})).json().get("user") or {}
    return Identity(name=user.get("emailAddress") or user.get("displayName"), external_id=user.get("permissionId"))


app = App(
    "google_sheets",
    "Google Sheets",
    "Read and write Google Sheets spreadsheets: add rows, read ranges, update cells, find rows and create spreadsheets.",
    auth=OAuth(
        authorize_url="https://accounts.google.com/o/oauth2/v2/auth",
        token_url="https://oauth2.googleapis.com/token",
        scopes=[
            "https://www.googleapis.com/auth/spreadsheets",
            "https://www.googleapis.com/auth/drive.readonly",
        ],
        pkce=True,
        extra_authorize_params={"access_type": "offline", "prompt": "consent"},
    ),
    categories=["Productivity"],
    featured_weight=95,
    base_url="https://sheets.googleapis.com/v4",
    allowed_domains=["sheets.googleapis.com", "www.googleapis.com"],
    test=_account_test,
)


# A1 notation


def sheet_range(title, cells=None):
    """An A1 range on the worksheet `title`: the whole sheet, or `cells` (e.g. `A1:C5`, `2:4`) on it."""
    quoted = "'" + str(title).replace("'", "''") + "'"
    return f"{quoted}!{cells}" if cells else quoted


def range_path(spreadsheet_id, a1_range, suffix=""):
    """The `values` URL path of a range, escaped for a URL path segment."""
    escaped = quote(a1_range, safe="'!:$")
    return f"/spreadsheets/{spreadsheet_id}/values/{escaped}{suffix}"


_CELL = re.compile(r"^[A-Za-z]{1,3}[1-9][0-9]*$")
_COLUMN = re.compile(r"^[A-Za-z]{1,3}$")
_CELLS = re.compile(r"^(\$?[A-Za-z]{1,3}\$?[0-9]*|\$?[0-9]+)(:(\$?[A-Za-z]{1,3}\$?[0-9]*|\$?[0-9]+))?$")


def check_cell(cell):
    cell = str(cell).strip()
    if not _CELL.match(cell):
        raise ActionError(f"cell {cell!r} must be one cell in A1 notation, a column letter then a row number, e.g. `B2`")
    return cell.upper()


def check_column(column):
    column = str(column).strip()
    if not _COLUMN.match(column):
        raise ActionError(f"column {column!r} must be a column letter such as `A` or `AB`")
    return column.upper()


def check_cells(cells):
    cells = str(cells).strip()
    if "!" in cells:
        raise ActionError(
            f"range {cells!r} names a sheet; give only the cells (e.g. `A1:D10`) and pick the worksheet with worksheetId"
        )
    if not _CELLS.match(cells):
        raise ActionError(f"range {cells!r} is not A1 notation; use e.g. `A1:D10`, `A:C` or `2:5`")
    return cells.upper()


def column_letter(index):
    """The letter of the 0-based column `index`: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_rows(value):
    """Rows as a list of lists of cell values; accepts the list itself or its JSON text."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ActionError("rows must be a JSON array of rows, e.g. [[\"Alice\", 30], [\"Bob\", 25]]") from None
    if not isinstance(value, list) or not value:
        raise ActionError("rows must be a non-empty array of rows, each an array of cell values")
    rows = []
    for n, row in enumerate(value, start=1):
        if not isinstance(row, list):
            raise ActionError(f"row {n} is {type(row).__name__}, not an array of cell values")
        for cell in row:
            if cell is not None and not isinstance(cell, (str, int, float, bool)):
                raise ActionError(f"row {n} has a cell {cell!r}; cells must be text, numbers, booleans or null")
        rows.append(["" if cell is None else cell for cell in row])
    return rows


# Worksheets


async def worksheets(ctx, spreadsheet_id):
    """The `properties` of every worksheet in a spreadsheet."""
    response = await ctx.http.get(f"/spreadsheets/{spreadsheet_id}", params={"fields": "sheets.properties"})
    return [sheet.get("properties", {}) for sheet in response.json().get("sheets", [])]


async def worksheet_title(ctx, spreadsheet_id, worksheet_id):
    """The title of the worksheet whose ID (or title) is `worksheet_id`."""
    sheets = await worksheets(ctx, spreadsheet_id)
    wanted = str(worksheet_id).strip()
    for sheet in sheets:
        if str(sheet.get("sheetId")) == wanted:
            return sheet["title"]
    for sheet in sheets:
        if sheet.get("title") == wanted:
            return sheet["title"]
    known = ", ".join(f"{s.get('sheetId')} ({s.get('title')})" for s in sheets) or "none"
    raise ActionError(f"the spreadsheet has no worksheet {wanted!r}; its worksheets are: {known}")


# Remote options


async def drive_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {"pageSize": 100}
    if token:
        params["pageToken"] = token
    data = (await ctx.http.get(f"{DRIVE_API}/drives", params=params)).json()
    options = [] if token else [Option(label=MY_DRIVE, value=MY_DRIVE)]
    options += [Option(label=d["name"], value=d["id"]) for d in data.get("drives", [])]
    return OptionsPage(options=options, context={"pageToken": data["nextPageToken"]} if data.get("nextPageToken") else None)


def _drive_query_literal(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


async def spreadsheet_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    q = f"mimeType='{SPREADSHEET_MIME}' and trashed=false"
    if ctx.query:
        q += f" and name contains {_drive_query_literal(ctx.query)}"
    params = {"q": q, "fields": "nextPageToken,files(id,name)", "orderBy": "modifiedTime desc", "pageSize": 100}
    drive = ctx.props.get("drive")
    if drive and drive != MY_DRIVE:
        params.update(driveId=drive, corpora="drive", includeItemsFromAllDrives="true", supportsAllDrives="true")
    if token:
        params["pageToken"] = token
    data = (await ctx.http.get(f"{DRIVE_API}/files", params=params)).json()
    options = [Option(label=f["name"], value=f["id"]) for f in data.get("files", [])]
    return OptionsPage(options=options, context={"pageToken": data["nextPageToken"]} if data.get("nextPageToken") else None)


async def worksheet_options(ctx):
    spreadsheet_id = ctx.props.get("sheetId")
    if not spreadsheet_id:
        raise ActionError("choose the spreadsheet (sheetId) first; its worksheets are listed from it")
    return [Option(label=s.get("title", ""), value=str(s.get("sheetId"))) for s in await worksheets(ctx, spreadsheet_id)]


app.define(
    "drive",
    props.string(
        "Drive",
        "Where to look for spreadsheets: `My Drive` (the default) or the ID of a shared drive. "
        "Only changes which spreadsheets sheetId lists.",
        optional=True,
        default=MY_DRIVE,
        options=drive_options,
    ),
)

app.define(
    "sheetId",
    props.string(
        "Spreadsheet",
        "The spreadsheet's ID: the long string between `/d/` and `/edit` in its URL, e.g. "
        "`1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms`.",
        options=spreadsheet_options,
        use_query=True,
        reload_props=True,
    ),
)

app.define(
    "worksheetId",
    props.string(
        "Worksheet",
        "The worksheet (tab) in the spreadsheet: its numeric sheet ID as text, e.g. `0` for the first tab "
        "(the `gid=` in the URL), or its title, e.g. `Sheet1`.",
        options=worksheet_options,
        reload_props=True,
    ),
)


def sheet_props():
    """drive, sheetId and worksheetId for an action whose other props do not depend on them."""
    return {
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId", reload_props=False),
        "worksheetId": app.definition("worksheetId", reload_props=False),
    }
