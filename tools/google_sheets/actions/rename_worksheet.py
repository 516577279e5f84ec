from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_update, find_worksheet, sheet_props, spreadsheet_id


@app.action(
    "rename-worksheet",
    title="Rename Worksheet",
    description=(
        "Change the name of a worksheet (tab) in a Google Sheets spreadsheet. Its sheet ID stays the same, but "
        "formulas and ranges that name the old title are updated by Google. Returns the sheet ID and both titles."
    ),
    props={
        **sheet_props(),
        "newTitle": props.string("New Title", "The worksheet's new name, unique in the spreadsheet, e.g. `2024 Q3`."),
    },
    destructive=True,
    idempotent=True,
)
async def rename_worksheet(ctx):
    new_title = str(ctx.props.newTitle).strip()
    if not new_title:
        raise ActionError("newTitle is empty; give the worksheet's new name")
    sid = spreadsheet_id(ctx.props.sheetId)
    sheet = await find_worksheet(ctx, sid, ctx.props.worksheetId)
    await batch_update(
        ctx,
        sid,
        {"updateSheetProperties": {"properties": {"sheetId": sheet["sheetId"], "title": new_title}, "fields": "title"}},
    )
    ctx.summary = f"Renamed worksheet {sheet['title']} to {new_title}"
    return {"sheetId": sheet["sheetId"], "oldTitle": sheet["title"], "title": new_title}
