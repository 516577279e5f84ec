from mcp_gateway.catalog import props

from ..app import api, app, check_column, plural, range_path, sheet_props, sheet_range, spreadsheet_id, worksheet_title


def _matches(cell, wanted, exact):
    text = str(cell)
    if exact:
        return text == wanted
    return wanted.casefold() in text.casefold()


@app.action(
    "find-row",
    title="Find Row",
    description=(
        "Find the rows of a worksheet in Google Sheets whose cell in a given column holds a value. "
        "Returns each matching row's number (counting from 1) and its cell values; pass that number to "
        "google_sheets-update-row or google_sheets-delete-rows. To update the row if found and add it otherwise in "
        "one step, use google_sheets-upsert-row."
    ),
    props={
        **sheet_props(),
        "column": props.string("Column", "The column to search, by letter, e.g. `A` or `AB`."),
        "value": props.string("Value", "The value to look for, as displayed in the sheet, e.g. `alice@example.com`."),
        "exactMatch": props.boolean(
            "Exact Match",
            "`true` (the default) matches cells equal to the value; `false` matches cells containing it, ignoring case.",
            default=True,
        ),
        "maxResults": props.integer("Max Results", "The most matching rows to return.", min=1, max=500, default=50),
    },
    read_only=True,
)
async def find_row(ctx):
    column = check_column(ctx.props.column)
    wanted = str(ctx.props.value)
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    data = await api(ctx, "GET", range_path(sid, sheet_range(title, f"{column}:{column}")))
    numbers = [
        index
        for index, cells in enumerate(data.get("values") or [], start=1)
        if cells and _matches(cells[0], wanted, ctx.props.exactMatch)
    ]
    total = len(numbers)
    numbers = numbers[: ctx.props.maxResults]
    matches = []
    if numbers:
        found = await api(
            ctx,
            "GET",
            f"/spreadsheets/{sid}/values:batchGet",
            params=[("ranges", sheet_range(title, f"{n}:{n}")) for n in numbers],
        )
        value_ranges = found.get("valueRanges", [])
        for number, value_range in zip(numbers, value_ranges):
            matches.append({"row": number, "values": (value_range.get("values") or [[]])[0]})
    shown = f" (showing {len(matches)})" if total > len(matches) else ""
    ctx.summary = f"Found {plural(total, 'matching row')} in column {column} of {title}{shown}"
    return {"matches": matches, "total": total}
