import json
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _google

SERVICE = "Google Sheets"
DRIVE_API = "https://www.googleapis.com/drive/v3"
MY_DRIVE = "My Drive"
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


async def _account_test(ctx):
    """The Google account's email and Drive user ID (`about.get`, allowed by the drive.readonly scope)."""
    user = (await api(ctx, "GET", f"{DRIVE_API}/about", params={"fields": "user"})).get("user") or {}
    return Identity(name=user.get("emailAddress") or user.get("displayName"), external_id=user.get("permissionId"))


app = App(
    "google_sheets",
    "Google Sheets",
    "Read and write Google Sheets spreadsheets: find, create and inspect spreadsheets; read, append, update, find, "
    "upsert, clear and delete rows and ranges; add, copy, rename and delete worksheets; format cells.",
    auth=_google.google_oauth([
        "https://www.googleapis.com/auth/spreadsheets",
        "https://www.googleapis.com/auth/drive.readonly",
    ]),
    categories=["Productivity"],
    featured_weight=95,
    base_url="https://sheets.googleapis.com/v4",
    allowed_domains=["sheets.googleapis.com", "www.googleapis.com"],
    test=_account_test,
)


# Requests

_NOT_FOUND = (
    "no spreadsheet (or worksheet) with that ID is visible to this account; pick one from sheetId's choices or "
    "google_sheets-list-spreadsheets (the ID is the long string between /d/ and /edit in the spreadsheet's URL)"
)


def _error(method, response):
    return _google.google_error(
        method, response, service=SERVICE, not_found=_NOT_FOUND, hints={},
        forbidden="the account cannot open or edit this spreadsheet; ask its owner to share it with edit access",
        scope="the connection was not granted the Sheets or Drive access this needs; reconnect Google Sheets and approve all requested access",
    )


async def api(ctx, method, path, **kw):
    """A Sheets (or Drive) API call's JSON answer; Google's error bodies become clear `UpstreamError`s."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise _error(method, response)
    return response.json() if response.content else {}


async def batch_update(ctx, spreadsheet_id, *requests):
    """Apply `spreadsheets.batchUpdate` requests (add, delete or change sheets, rows, formats) in one call."""
    return await api(ctx, "POST", f"/spreadsheets/{spreadsheet_id}:batchUpdate", json={"requests": list(requests)})


_ID_IN_URL = re.compile(r"/spreadsheets/d/([A-Za-z0-9_-]+)")


def spreadsheet_id(value, field="sheetId"):
    """A spreadsheet ID, also accepted as the spreadsheet's URL, ready for a URL path."""
    text = str(value or "").strip()
    if text.startswith(("http://", "https://")):
        match = _ID_IN_URL.search(text)
        if not match:
            raise ActionError(f"{field}: cannot find a spreadsheet ID in the URL {text!r}; pass the ID itself")
        text = match.group(1)
    if not text:
        raise ActionError(f"{field} is empty; give a spreadsheet ID such as `1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms`")
    return _google.seg(text)


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


# What the actions return


def worksheet_summary(properties):
    """A worksheet's ID, title, position and size, from its `SheetProperties`."""
    grid = properties.get("gridProperties") or {}
    out = {
        "sheetId": properties.get("sheetId"),
        "title": properties.get("title"),
        "index": properties.get("index"),
        "sheetType": properties.get("sheetType"),
        "rowCount": grid.get("rowCount"),
        "columnCount": grid.get("columnCount"),
        "frozenRowCount": grid.get("frozenRowCount"),
        "hidden": properties.get("hidden"),
    }
    return {k: v for k, v in out.items() if v is not None}


def spreadsheet_summary(data):
    """A spreadsheet's ID, URL, title, locale, time zone and worksheets."""
    properties = data.get("properties") or {}
    out = {
        "spreadsheetId": data.get("spreadsheetId"),
        "spreadsheetUrl": data.get("spreadsheetUrl"),
        "title": properties.get("title"),
        "locale": properties.get("locale"),
        "timeZone": properties.get("timeZone"),
        "worksheets": [worksheet_summary(s.get("properties") or {}) for s in data.get("sheets", [])],
    }
    return {k: v for k, v in out.items() if v is not None}


def update_summary(data):
    """What an `UpdateValuesResponse` says was written (without the written values echoed back)."""
    keys = ("spreadsheetId", "updatedRange", "updatedRows", "updatedColumns", "updatedCells")
    return {k: data[k] for k in keys if k in data}


def append_summary(data):
    """Where an `AppendValuesResponse` says the rows went."""
    out = {"spreadsheetId": data.get("spreadsheetId"), "tableRange": data.get("tableRange")}
    out.update(update_summary(data.get("updates") or {}))
    return {k: v for k, v in out.items() if v is not None}


def values_summary(data):
    """A `ValueRange`: its A1 range and the rows of cell values (an empty list for empty cells)."""
    return {"range": data.get("range"), "majorDimension": data.get("majorDimension"), "values": data.get("values") or []}


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


def column_index(letters):
    """The 0-based index of the column `letters`: A is 0, Z is 25, AA is 26."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


_BOUND = re.compile(r"^\$?([A-Z]{0,3})\$?([0-9]*)$")


def grid_range(sheet_id, cells):
    """The `GridRange` (0-based, end exclusive) of A1 `cells` such as `B2:D5`, `A:C` or `2:5` on sheet `sheet_id`."""
    cells = check_cells(cells)
    first, _, last = cells.partition(":")
    last = last or first
    (c1, r1), (c2, r2) = (_BOUND.match(first).groups(), _BOUND.match(last).groups())
    grid = {"sheetId": sheet_id}
    if r1:
        grid["startRowIndex"] = int(r1) - 1
    if r2:
        grid["endRowIndex"] = int(r2)
    if c1:
        grid["startColumnIndex"] = column_index(c1)
    if c2:
        grid["endColumnIndex"] = column_index(c2) + 1
    reversed_rows = grid.get("endRowIndex", float("inf")) <= grid.get("startRowIndex", 0)
    reversed_columns = grid.get("endColumnIndex", float("inf")) <= grid.get("startColumnIndex", 0)
    if grid.get("startRowIndex", 0) < 0 or reversed_rows or reversed_columns:
        raise ActionError(f"range {cells!r} is empty or reversed; give its top-left cell first, e.g. `B2:D5`")
    return grid


def column_letter(index):
    """The letter of the 0-based column `index`: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_row(value, field="values"):
    """One row of cell values; accepts the list itself or its JSON text."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ActionError(f"{field} must be a JSON array of cell values, e.g. [\"Alice\", 30]") from None
    if not isinstance(value, list) or not value:
        raise ActionError(f"{field} must be a non-empty array of cell values, e.g. [\"Alice\", 30]")
    return parse_rows([value], keep_null=True)[0]


def parse_rows(value, *, keep_null=False):
    """Rows as a list of lists of cell values; accepts the list itself or its JSON text. A null cell
    becomes an empty string unless `keep_null`: on an update, Sheets leaves a null cell as it is."""
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
        rows.append(list(row) if keep_null else ["" if cell is None else cell for cell in row])
    return rows


# Worksheets


async def worksheets(ctx, spreadsheet_id):
    """The `properties` of every worksheet in a spreadsheet."""
    data = await api(ctx, "GET", f"/spreadsheets/{spreadsheet_id}", params={"fields": "sheets.properties"})
    return [sheet.get("properties", {}) for sheet in data.get("sheets", [])]


async def find_worksheet(ctx, spreadsheet_id, worksheet_id):
    """The `SheetProperties` of the worksheet whose ID (or title) is `worksheet_id`."""
    sheets = await worksheets(ctx, spreadsheet_id)
    wanted = str(worksheet_id).strip()
    for sheet in sheets:
        if str(sheet.get("sheetId")) == wanted:
            return sheet
    for sheet in sheets:
        if sheet.get("title") == wanted:
            return sheet
    known = ", ".join(f"{s.get('sheetId')} ({s.get('title')})" for s in sheets) or "none"
    raise ActionError(f"the spreadsheet has no worksheet {wanted!r}; its worksheets are: {known}")


async def worksheet_title(ctx, spreadsheet_id, worksheet_id):
    """The title of the worksheet whose ID (or title) is `worksheet_id`."""
    return (await find_worksheet(ctx, spreadsheet_id, worksheet_id))["title"]


# Remote options


async def drive_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    params = {"pageSize": 100}
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", f"{DRIVE_API}/drives", params=params)
    options = [] if token else [Option(label=MY_DRIVE, value=MY_DRIVE)]
    options += [Option(label=d["name"], value=d["id"]) for d in data.get("drives", [])]
    return OptionsPage(options=options, context={"pageToken": data["nextPageToken"]} if data.get("nextPageToken") else None)


def drive_query_literal(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


async def spreadsheet_options(ctx):
    token = ctx.prev_context.get("pageToken")
    if ctx.page > 0 and not token:
        return []
    q = f"mimeType='{SPREADSHEET_MIME}' and trashed=false"
    if ctx.query:
        q += f" and name contains {drive_query_literal(ctx.query)}"
    params = {"q": q, "fields": "nextPageToken,files(id,name)", "orderBy": "modifiedTime desc", "pageSize": 100}
    drive = ctx.props.get("drive")
    if drive and drive != MY_DRIVE:
        params.update(driveId=drive, corpora="drive", includeItemsFromAllDrives="true", supportsAllDrives="true")
    if token:
        params["pageToken"] = token
    data = await api(ctx, "GET", f"{DRIVE_API}/files", params=params)
    options = [Option(label=f["name"], value=f["id"]) for f in data.get("files", [])]
    return OptionsPage(options=options, context={"pageToken": data["nextPageToken"]} if data.get("nextPageToken") else None)


async def worksheet_options(ctx):
    if not ctx.props.get("sheetId"):
        raise ActionError("choose the spreadsheet (sheetId) first; its worksheets are listed from it")
    sheets = await worksheets(ctx, spreadsheet_id(ctx.props.sheetId))
    return [Option(label=s.get("title", ""), value=str(s.get("sheetId"))) for s in sheets]


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
        "`1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms` (the whole URL works too). google_sheets-list-spreadsheets "
        "returns it as `id`; the choices can be searched by name.",
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
        "(the `gid=` in the URL), or its title, e.g. `Sheet1`. google_sheets-list-worksheets returns it as `sheetId`.",
        options=worksheet_options,
        reload_props=True,
    ),
)


RENDER_OPTIONS = ["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"]


def render_option():
    return props.string(
        "Value Render Option",
        "How cells come back: `FORMATTED_VALUE` (the default, as displayed, e.g. `$1,200.00`), `UNFORMATTED_VALUE` "
        "(the raw number, e.g. `1200`) or `FORMULA` (formulas as written, e.g. `=SUM(A1:A3)`).",
        options=RENDER_OPTIONS,
        optional=True,
    )


def sheet_props():
    """drive, sheetId and worksheetId for an action whose other props do not depend on them."""
    return {
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId", reload_props=False),
        "worksheetId": app.definition("worksheetId", reload_props=False),
    }
