from mcp_gateway.catalog import props

from ..app import api, app, check_cells, plural, range_path, sheet_props, sheet_range, spreadsheet_id, values_summary, worksheet_title


@app.action(
    "get-values-in-range",
    title="Get Values in Range",
    description=(
        "Read the cell values of a range of a worksheet in Google Sheets, as a list of rows (each a list of "
        "cell values as displayed). Trailing empty rows and cells are left out. For one cell use google_sheets-get-cell; "
        "for several ranges in one call, google_sheets-batch-get-values; to look rows up by a value, "
        "google_sheets-find-row."
    ),
    props={
        **sheet_props(),
        "range": props.string(
            "Range",
            "The cells to read in A1 notation, without the sheet name, e.g. `A1:D10`, `A:C` (whole columns) "
            "or `2:5` (whole rows). Leave empty to read the whole worksheet.",
            optional=True,
        ),
    },
    read_only=True,
    trim=values_summary,
)
async def get_values_in_range(ctx):
    cells = check_cells(ctx.props.range) if ctx.props.get("range") else None
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    data = await api(ctx, "GET", range_path(sid, sheet_range(title, cells)))
    ctx.summary = f"Retrieved {plural(len(data.get('values') or []), 'row')} from {data.get('range', title)}"
    return data
