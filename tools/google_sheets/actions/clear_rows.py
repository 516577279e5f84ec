from mcp_gateway.catalog import ActionError, props

from ..app import api, app, plural, range_path, sheet_props, sheet_range, spreadsheet_id, worksheet_title


@app.action(
    "clear-rows",
    title="Clear Rows",
    description=(
        "Erase the values of one or more whole rows of a worksheet in Google Sheets. The rows stay in "
        "place, empty (formatting is kept); rows below do not move up. To remove the rows "
        "and shift the rest up, use google_sheets-delete-rows; to clear any block of cells, google_sheets-clear-range. "
        "Returns the range cleared."
    ),
    props={
        **sheet_props(),
        "startRow": props.integer("Start Row", "The first row to clear, counting from 1 (row 1 is the top row).", min=1),
        "endRow": props.integer(
            "End Row",
            "The last row to clear, counting from 1 and included. Leave empty to clear only the start row.",
            min=1,
            optional=True,
        ),
    },
    destructive=True,
    idempotent=True,
)
async def clear_rows(ctx):
    start = ctx.props.startRow
    end = ctx.props.get("endRow") or start
    if end < start:
        raise ActionError(f"endRow ({end}) is before startRow ({start}); give endRow at or after startRow")
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    data = await api(ctx, "POST", range_path(sid, sheet_range(title, f"{start}:{end}"), ":clear"), json={})
    ctx.summary = f"Cleared {plural(end - start + 1, 'row')} ({data.get('clearedRange', title)})"
    return data
