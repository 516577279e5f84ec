from mcp_gateway.catalog import within

from ..app import api, app, plural, spreadsheet_id, worksheet_summary


def _worksheets(data):
    return {
        "title": (data.get("properties") or {}).get("title"),
        "worksheets": [sheet.get("properties", {}) for sheet in data.get("sheets", [])],
    }


@app.action(
    "list-worksheets",
    title="List Worksheets",
    description=(
        "List the worksheets (tabs) of a Google Sheets spreadsheet: each one's sheet ID, title, position and size. "
        "The sheet ID is what worksheetId takes in the other actions. For the spreadsheet's own title, URL, locale "
        "and time zone as well, use google_sheets-get-spreadsheet-by-id."
    ),
    props={
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId", reload_props=False),
    },
    read_only=True,
    trim=lambda data: within("worksheets", worksheet_summary)(_worksheets(data)),
)
async def list_worksheets(ctx):
    sid = spreadsheet_id(ctx.props.sheetId)
    data = await api(ctx, "GET", f"/spreadsheets/{sid}", params={"fields": "properties.title,sheets.properties"})
    title = (data.get("properties") or {}).get("title", ctx.props.sheetId)
    ctx.summary = f"Found {plural(len(data.get('sheets', [])), 'worksheet')} in {title}"
    return data
