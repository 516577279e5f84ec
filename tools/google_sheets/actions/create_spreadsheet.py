from mcp_gateway.catalog import props

from ..app import api, app, spreadsheet_summary


@app.action(
    "create-spreadsheet",
    title="Create Spreadsheet",
    description=(
        "Create a new, empty Google Sheets spreadsheet in the user's My Drive, optionally with named worksheets. "
        "To add a tab to an existing spreadsheet use google_sheets-create-worksheet; to fill the new one, "
        "google_sheets-add-multiple-rows. Returns its ID, URL and worksheets."
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
    trim=spreadsheet_summary,
)
async def create_spreadsheet(ctx):
    body = {"properties": {"title": ctx.props.title}}
    titles = [t for t in (ctx.props.get("worksheetTitles") or []) if str(t).strip()]
    if titles:
        body["sheets"] = [{"properties": {"title": t}} for t in titles]
    data = await api(ctx, "POST", "/spreadsheets", json=body)
    ctx.summary = f"Created spreadsheet {(data.get('properties') or {}).get('title', ctx.props.title)}"
    return data
