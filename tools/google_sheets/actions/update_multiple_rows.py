from mcp_gateway.catalog import props

from ..app import (
    api, app, column_letter, parse_rows, plural, range_path, sheet_props, sheet_range, spreadsheet_id, update_summary,
    worksheet_title,
)


@app.action(
    "update-multiple-rows",
    title="Update Multiple Rows",
    description=(
        "Overwrite consecutive rows of a worksheet in Google Sheets in one request, starting at a given row and "
        "column A; cells past the values given keep what they hold. For one row use google_sheets-update-row; for "
        "rows or blocks that are not next to each other, google_sheets-batch-update-values; to add rows at the end, "
        "google_sheets-add-multiple-rows. Returns the range written."
    ),
    props={
        **sheet_props(),
        "startRow": props.integer("Start Row", "The first row to overwrite, counting from 1, e.g. `2`.", min=1),
        "rows": props.any_value(
            "Rows",
            "The new rows, top to bottom, each an array of cell values from column A on, e.g. "
            "`[[\"Alice\", 30], [\"Bob\", 25]]` (JSON text works too). Interpreted as if typed into the sheet; an "
            "empty string clears a cell, null leaves it as it is.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=update_summary,
)
async def update_multiple_rows(ctx):
    rows = parse_rows(ctx.props.rows, keep_null=True)
    start = ctx.props.startRow
    end = start + len(rows) - 1
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    cells = f"A{start}:{column_letter(max(len(r) for r in rows) - 1)}{end}"
    data = await api(
        ctx,
        "PUT",
        range_path(sid, sheet_range(title, cells)),
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": rows},
    )
    ctx.summary = f"Updated {plural(len(rows), 'row')} ({data.get('updatedRange', sheet_range(title, cells))})"
    return data
