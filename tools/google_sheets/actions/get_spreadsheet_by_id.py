from ..app import api, app, spreadsheet_id, spreadsheet_summary

_FIELDS = "spreadsheetId,spreadsheetUrl,properties(title,locale,timeZone),sheets.properties"


@app.action(
    "get-spreadsheet-by-id",
    title="Get Spreadsheet",
    description=(
        "Get a Google Sheets spreadsheet's details without its cell data: title, URL, locale, time zone, and each "
        "worksheet's sheet ID, title, position and size. To read cells use google_sheets-get-values-in-range; to find a "
        "spreadsheet by name first, google_sheets-list-spreadsheets."
    ),
    props={
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId", reload_props=False),
    },
    read_only=True,
    trim=spreadsheet_summary,
)
async def get_spreadsheet_by_id(ctx):
    data = await api(ctx, "GET", f"/spreadsheets/{spreadsheet_id(ctx.props.sheetId)}", params={"fields": _FIELDS})
    title = (data.get("properties") or {}).get("title")
    ctx.summary = f"Read spreadsheet {title} ({len(data.get('sheets', []))} worksheets)"
    return data
