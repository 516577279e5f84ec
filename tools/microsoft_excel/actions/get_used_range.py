from mcp_gateway.catalog import props

from ..app import app, graph, range_summary, worksheet_path


@app.action(
    "get-used-range",
    title="Get Worksheet Data",
    description=(
        "Read all the data of an Excel worksheet: the smallest range holding every filled cell, with its address "
        "(e.g. `Sheet1!A1:D20`) and cell values row by row. Use it to see a sheet's contents and headers; for a "
        "known block of cells use microsoft_excel-get-range, and for rows of an Excel table, "
        "microsoft_excel-list-table-rows."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "worksheet": app.definition("worksheet"),
        "valuesOnly": props.boolean(
            "Values Only",
            "`true` (the default) ignores cells that only have formatting; `false` includes them in the range.",
            default=True,
        ),
    },
    read_only=True,
    trim=range_summary,
)
async def get_used_range(ctx):
    flag = "true" if ctx.props.valuesOnly else "false"
    data = await graph(ctx, "GET", f"{worksheet_path(ctx.props.workbookId, ctx.props.worksheet)}/usedRange(valuesOnly={flag})")
    ctx.summary = f"Read {data.get('rowCount')} row(s) × {data.get('columnCount')} column(s) from {data.get('address')}"
    return data
