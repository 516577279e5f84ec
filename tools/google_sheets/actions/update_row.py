from mcp_gateway.catalog import props

from ..app import (
    api, app, column_letter, parse_row, range_path, sheet_props, sheet_range, spreadsheet_id, update_summary,
    worksheet_title,
)


@app.action(
    "update-row",
    title="Update Row",
    description=(
        "Overwrite the cells of one row of a worksheet in Google Sheets, from column A on; cells past the values "
        "given keep what they hold. Find the row number with google_sheets-find-row. To add a new row use "
        "google_sheets-add-single-row; to update the row if found and add it otherwise, google_sheets-upsert-row. "
        "Returns the range written."
    ),
    props={
        **sheet_props(),
        "row": props.integer("Row", "The row to overwrite, counting from 1 (row 1 is the top row), e.g. `5`.", min=1),
        "values": props.any_value(
            "Values",
            "The row's new cell values from column A on, e.g. `[\"Alice\", \"alice@example.com\", 31]` (JSON text "
            "works too). Interpreted as if typed into the sheet, so `=A2*2` is a formula; an empty string clears a "
            "cell, null leaves it as it is.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=update_summary,
)
async def update_row(ctx):
    values = parse_row(ctx.props["values"])
    row = ctx.props.row
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    cells = f"A{row}:{column_letter(len(values) - 1)}{row}"
    data = await api(
        ctx,
        "PUT",
        range_path(sid, sheet_range(title, cells)),
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": [values]},
    )
    ctx.summary = f"Updated row {row} ({data.get('updatedRange', sheet_range(title, cells))})"
    return data
