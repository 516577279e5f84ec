from mcp_gateway.catalog import ActionError, props

from ..app import app, graph, workbook_path, worksheet_summary

_FORBIDDEN = set("\\/?*[]:")


@app.action(
    "add-worksheet",
    title="Add Worksheet",
    description=(
        "Add a new, empty worksheet (tab) at the end of an Excel workbook. Returns its name and ID. Fill it with "
        "microsoft_excel-update-range; to see the tabs already there, use microsoft_excel-list-worksheets."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "name": props.string(
            "Worksheet Name",
            "The new worksheet's name, up to 31 characters and without `\\ / ? * [ ] :`, e.g. `Q3 Sales`. "
            "Leave empty to let Excel name it (Sheet2, Sheet3...).",
            optional=True,
        ),
    },
    trim=worksheet_summary,
)
async def add_worksheet(ctx):
    body = {}
    name = (ctx.props.get("name") or "").strip()
    if name:
        if len(name) > 31 or _FORBIDDEN.intersection(name):
            raise ActionError("a worksheet name must be at most 31 characters and cannot contain \\ / ? * [ ] :")
        body["name"] = name
    sheet = await graph(ctx, "POST", f"{workbook_path(ctx.props.workbookId)}/worksheets/add", json_body=body)
    ctx.summary = f"Added worksheet \"{sheet.get('name')}\" at position {sheet.get('position')}"
    return sheet
