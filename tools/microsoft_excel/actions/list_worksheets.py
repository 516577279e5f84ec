from mcp_gateway.catalog import within

from ..app import app, graph, workbook_path, worksheet_summary


@app.action(
    "list-worksheets",
    title="List Worksheets",
    description=(
        "List the worksheets (tabs) of an Excel workbook in order, with their names, IDs and visibility. To read a "
        "sheet's data use microsoft_excel-get-used-range; to add a tab, microsoft_excel-add-worksheet."
    ),
    props={"workbookId": app.definition("workbookId")},
    read_only=True,
    trim=within("worksheets", worksheet_summary),
)
async def list_worksheets(ctx):
    data = await graph(ctx, "GET", f"{workbook_path(ctx.props.workbookId)}/worksheets")
    sheets = sorted(data.get("value") or [], key=lambda s: s.get("position") or 0)
    ctx.summary = f"Listed {len(sheets)} worksheet(s): {', '.join(s['name'] for s in sheets)}"
    return {"worksheets": sheets}
