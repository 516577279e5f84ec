from mcp_gateway.catalog import props

from ..app import api, app, check_cell, range_path, render_option, sheet_props, sheet_range, spreadsheet_id, worksheet_title


def _cell(data):
    rows = data.get("values") or [[]]
    return {"range": data.get("range"), "value": rows[0][0] if rows and rows[0] else None}


@app.action(
    "get-cell",
    title="Get Cell",
    description=(
        "Read the value of one cell of a worksheet in Google Sheets, as displayed, raw, or as its formula. Returns "
        "the cell's range and value (null when empty). To read a block of cells use google_sheets-get-values-in-range."
    ),
    props={
        **sheet_props(),
        "cell": props.string("Cell", "The cell to read, in A1 notation: column letter then row number, e.g. `B2`."),
        "valueRenderOption": render_option(),
    },
    read_only=True,
    trim=_cell,
)
async def get_cell(ctx):
    cell = check_cell(ctx.props.cell)
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    params = {"valueRenderOption": ctx.props.valueRenderOption} if ctx.props.get("valueRenderOption") else None
    data = await api(ctx, "GET", range_path(sid, sheet_range(title, cell)), params=params)
    value = _cell(data)["value"]
    ctx.summary = f"Read {data.get('range', cell)}: {'empty' if value is None else repr(value)[:60]}"
    return data
