from mcp_gateway.catalog import props

from ..app import api, app, append_summary, parse_rows, plural, range_path, sheet_props, sheet_range, spreadsheet_id, worksheet_title


@app.action(
    "add-multiple-rows",
    title="Add Multiple Rows",
    description=(
        "Add several rows after the last row of a worksheet in Google Sheets, in one request. "
        "To add one row with an input per header column, use google_sheets-add-single-row; to overwrite existing rows, "
        "google_sheets-update-multiple-rows. Returns the range written and how many rows and cells were updated."
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
    trim=append_summary,
)
async def add_multiple_rows(ctx):
    rows = parse_rows(ctx.props.rows)
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    data = await api(
        ctx,
        "POST",
        range_path(sid, sheet_range(title), ":append"),
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": rows},
    )
    updates = data.get("updates") or {}
    count = updates.get("updatedRows", len(rows))
    ctx.summary = f"Added {plural(count, 'row')} to {title} ({updates.get('updatedRange', title)})"
    return data
