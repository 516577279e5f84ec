from mcp_gateway.catalog import props

from ..app import app


@app.action(
    "create-spreadsheet",
    title="Create Spreadsheet",
    description=(
        "Create a new Google Sheets spreadsheet in the user's My Drive, optionally with named worksheets. "
        "Returns its ID, URL and worksheets."
    ),
    props={
        "title": props.string("Title", "The new spreadsheet's name, e.g. `2024 Budget`."),
        "worksheetTitles": props.string_list(
            "Worksheet Titles",
            "Names of the worksheets (tabs) to create, in order, e.g. `[\"Income\", \"Expenses\"]`. "
            "Leave empty for a single tab named `Sheet1`.",
            optional=True,
        ),
    },
)
async def create_spreadsheet(ctx):
    body = {"properties": {"title": ctx.props.title}}
    titles = [t for t in (ctx.props.get("worksheetTitles") or []) if str(t).strip()]
    if titles:
        body["sheets"] = [{"properties": {"title": t}} for t in titles]
    data = (await ctx.http.post("/spreadsheets", json=body)).json()
    sheets = [
        {"sheetId": s.get("properties", {}).get("sheetId"), "title": s.get("properties", {}).get("title")}
        for s in data.get("sheets", [])
    ]
    title = (data.get("properties") or {}).get("title", ctx.props.title)
    ctx.summary = f"Created spreadsheet {title}"
    return {
        "spreadsheetId": data.get("spreadsheetId"),
        "spreadsheetUrl": data.get("spreadsheetUrl"),
        "title": title,
        "worksheets": sheets,
    }
