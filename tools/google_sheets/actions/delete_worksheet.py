from ..app import app, batch_update, find_worksheet, sheet_props, spreadsheet_id


@app.action(
    "delete-worksheet",
    title="Delete Worksheet",
    description=(
        "Delete a worksheet (tab) and everything on it from a Google Sheets spreadsheet. A spreadsheet keeps at least "
        "one tab, so its last one cannot be deleted. To keep the tab but empty it, use google_sheets-clear-rows or "
        "google_sheets-clear-range."
    ),
    props=sheet_props(),
    destructive=True,
    idempotent=True,
)
async def delete_worksheet(ctx):
    sid = spreadsheet_id(ctx.props.sheetId)
    sheet = await find_worksheet(ctx, sid, ctx.props.worksheetId)
    await batch_update(ctx, sid, {"deleteSheet": {"sheetId": sheet["sheetId"]}})
    ctx.summary = f"Deleted worksheet {sheet['title']} (sheet ID {sheet['sheetId']})"
    return {"deleted": True, "sheetId": sheet["sheetId"], "title": sheet["title"]}
