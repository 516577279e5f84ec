from mcp_gateway.catalog import props

from ..app import app, batch_update, spreadsheet_id, worksheet_summary


def _added(data):
    replies = data.get("replies") or [{}]
    return worksheet_summary((replies[0].get("addSheet") or {}).get("properties") or {})


@app.action(
    "create-worksheet",
    title="Create Worksheet",
    description=(
        "Add a new, empty worksheet (tab) to an existing Google Sheets spreadsheet. To copy an existing tab instead "
        "use google_sheets-copy-worksheet; to make a new spreadsheet, google_sheets-create-spreadsheet. Returns the new "
        "tab's sheet ID (for worksheetId) and title."
    ),
    props={
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId", reload_props=False),
        "title": props.string("Title", "The new worksheet's name, unique in the spreadsheet, e.g. `Q3 Sales`."),
        "index": props.integer(
            "Position", "Where to put the tab, counting from 0 for the first. Leave empty to add it after the last one.",
            min=0, optional=True,
        ),
        "rowCount": props.integer("Rows", "How many rows the sheet has (Google's default is 1000).", min=1, optional=True),
        "columnCount": props.integer(
            "Columns", "How many columns the sheet has (Google's default is 26, A to Z).", min=1, optional=True
        ),
    },
    trim=_added,
)
async def create_worksheet(ctx):
    properties = {"title": ctx.props.title}
    if ctx.props.get("index") is not None:
        properties["index"] = ctx.props.index
    grid = {k: ctx.props[k] for k in ("rowCount", "columnCount") if ctx.props.get(k)}
    if grid:
        properties["gridProperties"] = grid
    data = await batch_update(ctx, spreadsheet_id(ctx.props.sheetId), {"addSheet": {"properties": properties}})
    added = _added(data)
    ctx.summary = f"Created worksheet {added.get('title', ctx.props.title)} (sheet ID {added.get('sheetId')})"
    return data
