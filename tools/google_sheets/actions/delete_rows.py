from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_update, find_worksheet, plural, sheet_props, spreadsheet_id


@app.action(
    "delete-rows",
    title="Delete Rows",
    description=(
        "Delete one or more consecutive rows of a worksheet in Google Sheets; the rows below move up. This removes "
        "the cells themselves, not only their values (to empty rows in place use google_sheets-clear-rows). Find row "
        "numbers with google_sheets-find-row; to delete rows that are apart, start from the bottom one so the numbers "
        "above stay right."
    ),
    props={
        **sheet_props(),
        "startRow": props.integer("Start Row", "The first row to delete, counting from 1 (row 1 is the top row).", min=1),
        "endRow": props.integer(
            "End Row",
            "The last row to delete, counting from 1 and included. Leave empty to delete only the start row.",
            min=1,
            optional=True,
        ),
    },
    destructive=True,
)
async def delete_rows(ctx):
    start = ctx.props.startRow
    end = ctx.props.get("endRow") or start
    if end < start:
        raise ActionError(f"endRow ({end}) is before startRow ({start}); give endRow at or after startRow")
    sid = spreadsheet_id(ctx.props.sheetId)
    sheet = await find_worksheet(ctx, sid, ctx.props.worksheetId)
    dimension = {"sheetId": sheet["sheetId"], "dimension": "ROWS", "startIndex": start - 1, "endIndex": end}
    data = await batch_update(ctx, sid, {"deleteDimension": {"range": dimension}})
    rows = f"row {start}" if start == end else f"rows {start}-{end}"
    ctx.summary = f"Deleted {rows} ({plural(end - start + 1, 'row')}) of {sheet['title']}"
    return data
