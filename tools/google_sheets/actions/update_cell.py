from mcp_gateway.catalog import props

from ..app import api, app, check_cell, range_path, sheet_props, sheet_range, spreadsheet_id, update_summary, worksheet_title


@app.action(
    "update-cell",
    title="Update Cell",
    description=(
        "Set the value of one cell of a worksheet in Google Sheets, replacing what it held. "
        "To write a whole row use google_sheets-update-row; for a block of cells, google_sheets-update-multiple-rows. "
        "Returns the range updated."
    ),
    props={
        **sheet_props(),
        "cell": props.string("Cell", "The cell to write, in A1 notation: column letter then row number, e.g. `B2`."),
        "value": props.string(
            "Value",
            "The new value, interpreted as if typed into the sheet: text, a number, `TRUE`/`FALSE`, or a formula "
            "such as `=SUM(A1:A5)`. An empty string clears the cell.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=update_summary,
)
async def update_cell(ctx):
    cell = check_cell(ctx.props.cell)
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    data = await api(
        ctx,
        "PUT",
        range_path(sid, sheet_range(title, cell)),
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": [[ctx.props.value]]},
    )
    ctx.summary = f"Updated cell {data.get('updatedRange', sheet_range(title, cell))}"
    return data
