from mcp_gateway.catalog import props

from ..app import app, graph, range_path, range_summary


@app.action(
    "get-range",
    title="Get Range",
    description=(
        "Read the cells of a range of an Excel worksheet, e.g. `A1:C10`: their values row by row, and optionally "
        "their formulas and the text as displayed."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "worksheet": app.definition("worksheet"),
        "address": app.definition("address"),
        "includeFormulas": props.boolean(
            "Include Formulas and Text",
            "`true` also returns each cell's formula (e.g. `=SUM(B2:B9)`) and displayed text (e.g. `$1,200.00`).",
            optional=True,
        ),
    },
    read_only=True,
)
async def get_range(ctx):
    data = await graph(ctx, "GET", range_path(ctx.props.workbookId, ctx.props.worksheet, ctx.props.address))
    out = range_summary(data)
    if ctx.props.get("includeFormulas"):
        out["formulas"] = data.get("formulas")
        out["text"] = data.get("text")
    ctx.summary = f"Read {out['rowCount']} row(s) × {out['columnCount']} column(s) from {out['address']}"
    return out
