import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, cell_text, check_column, column_index, column_letter, graph, worksheet_path
from ..app import offset as match_offset  # `offset` names a local in the row scan

_START = re.compile(r"!\$?([A-Z]{1,3})\$?([0-9]+)")


@app.action(
    "find-rows",
    title="Find Rows",
    description=(
        "Find the rows of an Excel worksheet whose cell in a given column holds a value, e.g. the row where "
        "`Email` is `ada@example.com`. Returns each match's row number on the sheet and its cells (keyed by the "
        "header row's names when the sheet has headers), ready for microsoft_excel-update-range. To read every row "
        "instead, use microsoft_excel-get-used-range or, for an Excel table, microsoft_excel-list-table-rows."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "worksheet": app.definition("worksheet"),
        "column": props.string(
            "Column",
            "The column to search: a header name from the first row, e.g. `Email`, or a column letter, e.g. `C`.",
        ),
        "value": props.string("Value", "The value to look for, e.g. `ada@example.com` or `42`."),
        "exactMatch": props.boolean(
            "Exact Match",
            "`true` (the default) matches cells equal to the value, ignoring case; `false` matches cells containing it.",
            default=True,
        ),
        "hasHeaders": props.boolean(
            "First Row Is Headers",
            "`true` (the default) treats the first row of data as column names and never matches it.",
            default=True,
        ),
        "limit": props.limit("matching rows"),
        "cursor": props.cursor(),
    },
    read_only=True,
)
async def find_rows(ctx):
    data = await graph(ctx, "GET", f"{worksheet_path(ctx.props.workbookId, ctx.props.worksheet)}/usedRange(valuesOnly=true)")
    values = data.get("values") or []
    start = _START.search(str(data.get("address") or "").upper())
    first_column = column_index(start.group(1)) if start else int(data.get("columnIndex") or 0)
    first_row = int(start.group(2)) if start else int(data.get("rowIndex") or 0) + 1
    headers = [cell_text(c) for c in values[0]] if ctx.props.hasHeaders and values else []

    wanted_column = str(ctx.props.column).strip()
    position = None
    for n, name in enumerate(headers):
        if name.strip().casefold() == wanted_column.casefold():
            position = n
            break
    if position is None:
        letter = check_column(wanted_column)
        if letter is None:
            known = ", ".join(repr(h) for h in headers if h) or "none"
            raise ActionError(f"no column is named {wanted_column!r}; give a column letter or one of the headers: {known}")
        position = column_index(letter) - first_column
    column_name = column_letter(first_column + position) if position >= 0 else wanted_column.upper()

    wanted = str(ctx.props.value).strip().casefold()
    skip = match_offset(ctx.props.get("cursor"))
    matches = []
    total = 0
    body = values[1:] if headers else values
    offset = 1 if headers else 0
    for n, row in enumerate(body):
        cell = row[position] if 0 <= position < len(row) else ""
        text = cell_text(cell).strip().casefold()
        if (text == wanted) if ctx.props.exactMatch else (wanted in text):
            total += 1
            if skip < total <= skip + ctx.props.limit:
                cells = dict(zip(headers, row)) if headers else row
                matches.append({"row": first_row + offset + n, "values": cells})
    shown = f" (showing {len(matches)})" if total > len(matches) else ""
    ctx.summary = f"Found {total} row(s) with {ctx.props.value!r} in column {column_name} of {ctx.props.worksheet}{shown}"
    following = str(skip + len(matches)) if total > skip + len(matches) else None
    return {"matches": matches, "total": total, "column": column_name, "headers": headers or None, "next_cursor": following}
