from mcp_gateway.catalog import ActionError, props

from ..app import api, app, check_cells, plural, sheet_props, sheet_range, spreadsheet_id, worksheet_title


@app.action(
    "clear-range",
    title="Clear Cells",
    description=(
        "Erase the values of one or more blocks of cells of a worksheet in Google Sheets, e.g. `B2:D10` or a single "
        "cell `C5`; formatting is kept and nothing moves. For whole rows use google_sheets-clear-rows, or "
        "google_sheets-delete-rows to remove them. Returns the ranges cleared."
    ),
    props={
        **sheet_props(),
        "ranges": props.string_list(
            "Ranges",
            "The cells to clear in A1 notation, without the sheet name, e.g. `[\"B2:D10\", \"F1\"]`, `[\"A:A\"]` "
            "(a whole column).",
        ),
    },
    destructive=True,
    idempotent=True,
)
async def clear_range(ctx):
    cells = [check_cells(r) for r in ctx.props.ranges if str(r).strip()]
    if not cells:
        raise ActionError("ranges is empty; give at least one range such as `B2:D10`")
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    data = await api(
        ctx, "POST", f"/spreadsheets/{sid}/values:batchClear", json={"ranges": [sheet_range(title, c) for c in cells]}
    )
    cleared = data.get("clearedRanges") or []
    ctx.summary = f"Cleared {plural(len(cleared), 'range')} ({', '.join(cleared)})"
    return data
