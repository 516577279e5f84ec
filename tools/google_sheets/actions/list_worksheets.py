from ..app import app


@app.action(
    "list-worksheets",
    title="List Worksheets",
    description=(
        "List the worksheets (tabs) of a Google Sheets spreadsheet: each one's sheet ID, title, position "
        "and size. The sheet ID is what worksheetId takes in the other actions."
    ),
    props={
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId", reload_props=False),
    },
    read_only=True,
)
async def list_worksheets(ctx):
    response = await ctx.http.get(
        f"/spreadsheets/{ctx.props.sheetId}", params={"fields": "properties.title,sheets.properties"}
    )
    data = response.json()
    sheets = [sheet.get("properties", {}) for sheet in data.get("sheets", [])]
    title = (data.get("properties") or {}).get("title", ctx.props.sheetId)
    ctx.summary = f"Found {len(sheets)} worksheet{'s' if len(sheets) != 1 else ''} in {title}"
    return {"title": title, "worksheets": sheets}
