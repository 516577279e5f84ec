from mcp_gateway.catalog import props

from ..app import app, graph, range_path, range_with_formulas


@app.action(
    "get-range",
    title="Get Range",
    description=(
        "Read the cells of a range of an Excel worksheet, e.g. `A1:C10`: their values row by row, and optionally "
        "their formulas and the text as displayed. To read a whole sheet without knowing its size, use "
        "microsoft_excel-get-used-range; to look up rows by a value, microsoft_excel-find-rows."
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
    trim=range_with_formulas,
)
async def get_range(ctx):
    data = await graph(ctx, "GET", range_path(ctx.props.workbookId, ctx.props.worksheet, ctx.props.address))
    # Without includeFormulas, the formulas and displayed text are dropped even from the full response.
    if not ctx.props.get("includeFormulas"):
        data = {k: v for k, v in data.items() if k not in ("formulas", "text")}
    ctx.summary = f"Read {data.get('rowCount')} row(s) × {data.get('columnCount')} column(s) from {data.get('address')}"
    return data
