"""Excel workbooks stored in the connected user's OneDrive, through the Microsoft Graph workbook API.

Every call addresses one workbook as `/me/drive/items/{item-id}/workbook`; worksheets and tables
are named by their names (Graph accepts an ID or a name in the same place).
"""

import json
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _microsoft

GRAPH = _microsoft.GRAPH
SCOPES = ["offline_access", "User.Read", "Files.ReadWrite"]
XLSX = ".xlsx"


async def _account_test(ctx):
    """The signed-in user (`GET /me`)."""
    me = await graph(ctx, "GET", "/me", params={"$select": "id,displayName,userPrincipalName,mail"})
    return Identity(name=me.get("userPrincipalName") or me.get("mail") or me.get("displayName"), external_id=me.get("id"))


app = App(
    "microsoft_excel",
    "Microsoft Excel",
    "Read and write Excel workbooks in the connected user's OneDrive: read and update ranges, add and list "
    "table rows, find rows, clear cells, and add worksheets and tables.",
    auth=_microsoft.graph_oauth(SCOPES),
    categories=["Productivity"],
    featured_weight=85,
    base_url=GRAPH,
    allowed_domains=["graph.microsoft.com"],
    test=_account_test,
)


# Errors and requests

# Hints by Graph error code or by the workbook API's more specific inner code.
ERROR_HINTS = {
    "itemnotfound": "no file or workbook item has that ID in the user's OneDrive; pick the workbook again",
    "notfound": "the workbook, worksheet, table or range was not found; check the names (they are case-sensitive "
    "for tables) or list the worksheets and tables",
    "invalidargument": "a value is not accepted; check the range address (A1 notation such as `A1:C5`) and that "
    "the values fit it",
    "invalidreference": "the range or name does not exist in this worksheet",
    "itemalreadyexists": "something with that name already exists in the workbook; pick another name",
    "unsupportedworkbook": "Excel online cannot open this file as a workbook; only .xlsx files work",
    "accessconflict": "the workbook is busy with another change; retry in a moment",
    "editmodecannotacquirelock": "the workbook is being edited elsewhere; retry in a moment",
}


def graph_error(method, response):
    return _microsoft.graph_error(
        app.name, method, response, hints=ERROR_HINTS,
        forbidden="the account lacks permission for this file or operation",
        not_found="check that the IDs and names passed are correct and visible to this account",
    )


async def graph(ctx, method, path, **kw):
    """Call Microsoft Graph (see `_microsoft.graph`)."""
    return await _microsoft.graph(ctx, method, path, error=graph_error, **kw)


# Paths


def seg(value):
    """A value as one URL path segment."""
    return quote(str(value).strip(), safe="")


def workbook_path(item_id):
    item = str(item_id or "").strip()
    if not item:
        raise ActionError("choose the workbook (workbookId) first")
    return f"/me/drive/items/{seg(item)}/workbook"


def worksheet_path(item_id, worksheet):
    name = str(worksheet or "").strip()
    if not name:
        raise ActionError("choose the worksheet (its name, e.g. `Sheet1`)")
    return f"{workbook_path(item_id)}/worksheets/{seg(name)}"


def table_path(item_id, table):
    name = str(table or "").strip()
    if not name:
        raise ActionError("choose the table (its name, e.g. `Table1`)")
    return f"{workbook_path(item_id)}/tables/{seg(name)}"


def range_path(item_id, worksheet, address):
    return f"{worksheet_path(item_id, worksheet)}/range(address='{check_address(address)}')"


# A1 notation

_ADDRESS = re.compile(r"^(\$?[A-Z]{1,3}\$?[0-9]*|\$?[0-9]+)(:(\$?[A-Z]{1,3}\$?[0-9]*|\$?[0-9]+))?$")
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]*)$")
_COLUMN = re.compile(r"^[A-Z]{1,3}$")


def check_address(address):
    """A range address on one worksheet in A1 notation, e.g. `A1:C5`, `B2`, `A:C` or `2:4`."""
    text = str(address or "").strip().upper()
    if "!" in text:
        raise ActionError(
            f"address {address!r} names a sheet; give only the cells (e.g. `A1:C5`) and pick the worksheet separately"
        )
    if not _ADDRESS.match(text):
        raise ActionError(f"address {address!r} is not A1 notation; use e.g. `A1:C5`, `B2`, `A:C` or `2:4`")
    return text


def column_index(letters):
    """The 0-based index of a column: A is 0, Z is 25, AA is 26."""
    index = 0
    for char in letters.upper():
        index = index * 26 + (ord(char) - 64)
    return index - 1


def column_letter(index):
    """The letters of the 0-based column `index`."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_cell(cell):
    """(0-based column, 1-based row) of a single cell such as `B3`, or None if `cell` is not one cell."""
    match = _CELL.match(str(cell or "").strip().upper())
    if not match:
        return None
    return column_index(match.group(1)), int(match.group(2))


def check_column(column):
    text = str(column or "").strip().upper()
    return text if _COLUMN.match(text) else None


def quoted_sheet(name):
    """A worksheet name as it appears before `!` in an address: `'Q3 Sales'`."""
    return "'" + str(name).replace("'", "''") + "'"


def parse_rows(value, what="values"):
    """Rows as a list of lists of cell values; accepts the list itself or its JSON text."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ActionError(f"{what} must be a JSON array of rows, e.g. [[\"Alice\", 30], [\"Bob\", 25]]") from None
    if not isinstance(value, list) or not value:
        raise ActionError(f"{what} must be a non-empty array of rows, each an array of cell values")
    rows = []
    for n, row in enumerate(value, start=1):
        if not isinstance(row, list):
            raise ActionError(f"row {n} of {what} is {type(row).__name__}, not an array of cell values")
        for cell in row:
            if cell is not None and not isinstance(cell, (str, int, float, bool)):
                raise ActionError(f"row {n} of {what} has a cell {cell!r}; cells must be text, numbers, booleans or null")
        rows.append(["" if cell is None else cell for cell in row])
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ActionError(f"every row of {what} must have the same number of cells ({width} in the first row)")
    return rows


def cell_text(value):
    """A cell value as text for comparing: whole numbers without `.0`."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def range_summary(data):
    """The parts of a workbookRange worth reading."""
    return {
        "address": data.get("address"),
        "rowCount": data.get("rowCount"),
        "columnCount": data.get("columnCount"),
        "values": data.get("values") or [],
    }


def range_with_formulas(data):
    """A range's summary, with its formulas and displayed text where the action kept them."""
    summary = range_summary(data)
    for key in ("formulas", "text"):
        if key in data:
            summary[key] = data[key]
    return summary


# Remote options


def _search_text(text):
    return "'" + str(text).replace("'", "''") + "'"


def workbook_label(item):
    folder = ((item.get("parentReference") or {}).get("path") or "").split("root:", 1)[-1].strip("/")
    return f"{folder}/{item['name']}" if folder else item["name"]


async def search_workbooks(ctx, query, top=100, link=None):
    """One page of .xlsx files in the user's OneDrive whose name or content matches `query`, and
    the link to the page after it."""
    if link:
        data = await graph(ctx, "GET", link)
    else:
        text = quote(_search_text(query or XLSX), safe="'")
        data = await graph(
            ctx,
            "GET",
            f"/me/drive/root/search(q={text})",
            params={"$select": "id,name,webUrl,lastModifiedDateTime,size,parentReference,file", "$top": top},
        )
    items = [i for i in data.get("value") or [] if str(i.get("name", "")).lower().endswith(XLSX) and "file" in i]
    return items, data.get("@odata.nextLink")


def next_link(cursor):
    """A `next_cursor` given back: Graph's own next-page link, which only ever points at Graph."""
    if not cursor:
        return None
    if not str(cursor).startswith(f"{GRAPH}/"):
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass `next_cursor` from the previous result unchanged")
    return str(cursor)


def offset(cursor):
    """A `next_cursor` that counts the rows already read."""
    if cursor in (None, ""):
        return 0
    if not str(cursor).isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass `next_cursor` from the previous result unchanged")
    return int(cursor)


def workbook_summary(item):
    return {
        "id": item.get("id"),
        "name": item.get("name"),
        "path": workbook_label(item),
        "webUrl": item.get("webUrl"),
        "lastModifiedDateTime": item.get("lastModifiedDateTime"),
        "size": item.get("size"),
    }


def worksheet_summary(sheet):
    return {k: sheet.get(k) for k in ("id", "name", "position", "visibility")}


def table_summary(table):
    return {k: table.get(k) for k in ("id", "name", "showHeaders", "showTotals", "style")}


async def workbook_options(ctx):
    link = ctx.prev_context.get("nextLink")
    if ctx.page > 0 and not link:
        return []
    items, following = await search_workbooks(ctx, ctx.query, link=link)
    options = [Option(label=workbook_label(i), value=i["id"]) for i in items]
    return OptionsPage(options=options, context={"nextLink": following} if following else None)


async def worksheet_options(ctx):
    path = f"{workbook_path(ctx.props.get('workbookId'))}/worksheets"
    data = await graph(ctx, "GET", path, params={"$select": "name,position"})
    sheets = sorted(data.get("value") or [], key=lambda s: s.get("position") or 0)
    return [s["name"] for s in sheets]


async def table_options(ctx):
    data = await graph(ctx, "GET", f"{workbook_path(ctx.props.get('workbookId'))}/tables", params={"$select": "id,name"})
    return [t["name"] for t in data.get("value") or []]


app.define(
    "workbookId",
    props.string(
        "Workbook",
        "The OneDrive item ID of an .xlsx workbook, e.g. `01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K`. The choices list "
        "the user's workbooks (type to search by name); microsoft_excel-find-workbooks returns it as `id`.",
        options=workbook_options,
        use_query=True,
    ),
)

app.define(
    "worksheet",
    props.string(
        "Worksheet",
        "The name of the worksheet (tab), e.g. `Sheet1`, as microsoft_excel-list-worksheets returns it. The choices "
        "list the workbook's worksheets.",
        options=worksheet_options,
    ),
)

app.define(
    "table",
    props.string(
        "Table",
        "The name of an Excel table in the workbook, e.g. `Table1` (Table Design → Table Name in Excel). "
        "The choices list the workbook's tables; microsoft_excel-create-table returns a new one's name.",
        options=table_options,
    ),
)

app.define(
    "address",
    props.string(
        "Range",
        "Cells in A1 notation on the worksheet, without the sheet name: e.g. `A1:C5`, a single cell `B2`, whole "
        "columns `A:C` or whole rows `2:4`.",
    ),
)
