from ..app import api, app, find_worksheet, sheet_props, spreadsheet_id, worksheet_summary


@app.action(
    "copy-worksheet",
    title="Copy Worksheet to Another Spreadsheet",
    description=(
        "Copy one worksheet (tab), with its values, formulas and formatting, into another Google Sheets spreadsheet "
        "(or the same one), where it is added as a new tab named `Copy of <title>`. Rename it afterwards with "
        "google_sheets-rename-worksheet. Returns the new tab's sheet ID and title in the destination."
    ),
    props={
        **sheet_props(),
        "destinationSheetId": app.definition("sheetId", reload_props=False, label="Destination Spreadsheet", description=(
            "The spreadsheet to copy the worksheet into: its ID, the long string between `/d/` and `/edit` in its URL "
            "(the whole URL works too). google_sheets-list-spreadsheets returns it as `id`."
        )),
    },
    trim=worksheet_summary,
)
async def copy_worksheet(ctx):
    sid = spreadsheet_id(ctx.props.sheetId)
    destination = spreadsheet_id(ctx.props.destinationSheetId, "destinationSheetId")
    sheet = await find_worksheet(ctx, sid, ctx.props.worksheetId)
    copied = await api(
        ctx,
        "POST",
        f"/spreadsheets/{sid}/sheets/{sheet['sheetId']}:copyTo",
        json={"destinationSpreadsheetId": destination},
    )
    ctx.summary = f"Copied worksheet {sheet['title']} to {destination} as {copied.get('title')}"
    return copied
