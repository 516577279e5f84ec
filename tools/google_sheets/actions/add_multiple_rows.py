from mcp_gateway.catalog import props

from ..app import app, parse_rows, range_path, sheet_props, sheet_range, worksheet_title


@app.action(
    "add-multiple-rows",
    title="Add Multiple Rows",
    description=(
        "Add several rows after the last row of a worksheet in Google Sheets, in one request. "
        "Returns the range written and how many rows and cells were updated."
    ),
    props={
        **sheet_props(),
        "rows": props.any_value(
            "Rows",
            "The rows to add, as an array of rows, each an array of cell values from column A on, e.g. "
            "`[[\"Alice\", 30, true], [\"Bob\", 25, false]]` (the same array as JSON text also works). "
            "Values are interpreted as if typed into the sheet, so `=SUM(A1:A3)` is a formula; null leaves a cell blank.",
        ),
    },
)
async def add_multiple_rows(ctx):
    rows = parse_rows(ctx.props.rows)
    spreadsheet_id = ctx.props.sheetId
    title = await worksheet_title(ctx, spreadsheet_id, ctx.props.worksheetId)
    response = await ctx.http.post(
        range_path(spreadsheet_id, sheet_range(title), ":append"),
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": rows},
    )
    data = response.json()
    updates = data.get("updates") or {}
    count = updates.get("updatedRows", len(rows))
    ctx.summary = f"Added {count} row{'s' if count != 1 else ''} to {title} ({updates.get('updatedRange', title)})"
    return data
