from mcp_gateway.catalog import props

from ..app import app, check_cells, range_path, sheet_props, sheet_range, worksheet_title


@app.action(
    "get-values-in-range",
    title="Get Values in Range",
    description=(
        "Read the cell values of a range of a worksheet in Google Sheets, as a list of rows (each a list of "
        "cell values as displayed). Trailing empty rows and cells are left out."
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
)
async def get_values_in_range(ctx):
    cells = check_cells(ctx.props.range) if ctx.props.get("range") else None
    spreadsheet_id = ctx.props.sheetId
    title = await worksheet_title(ctx, spreadsheet_id, ctx.props.worksheetId)
    data = (await ctx.http.get(range_path(spreadsheet_id, sheet_range(title, cells)))).json()
    rows = data.get("values") or []
    ctx.summary = f"Retrieved {len(rows)} row{'s' if len(rows) != 1 else ''} from {data.get('range', title)}"
    return {"range": data.get("range"), "majorDimension": data.get("majorDimension"), "values": rows}
