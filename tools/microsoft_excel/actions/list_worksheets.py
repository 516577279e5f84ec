from ..app import app, graph, workbook_path


@app.action(
    "list-worksheets",
    title="List Worksheets",
    description="List the worksheets (tabs) of an Excel workbook in order, with their names, IDs and visibility.",
    props={"workbookId": app.definition("workbookId")},
    read_only=True,
)
async def list_worksheets(ctx):
    data = await graph(ctx, "GET", f"{workbook_path(ctx.props.workbookId)}/worksheets")
    sheets = sorted(data.get("value") or [], key=lambda s: s.get("position") or 0)
    out = [{k: s.get(k) for k in ("id", "name", "position", "visibility")} for s in sheets]
    ctx.summary = f"Listed {len(out)} worksheet(s): {', '.join(s['name'] for s in out)}"
    return {"worksheets": out}
