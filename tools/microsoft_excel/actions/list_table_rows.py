from mcp_gateway.catalog import props

from ..app import app, graph, table_path


@app.action(
    "list-table-rows",
    title="List Table Rows",
    description=(
        "Read the data rows of an Excel table, each as an object keyed by the table's column names, with its "
        "0-based position. Page through long tables with skip."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "table": app.definition("table"),
        "top": props.integer("Max Rows", "How many rows to return, 1 to 1000. Defaults to 100.", min=1, max=1000, default=100),
        "skip": props.integer("Skip", "How many rows to skip from the start, for paging. Defaults to 0.", min=0, default=0),
    },
    read_only=True,
)
async def list_table_rows(ctx):
    path = table_path(ctx.props.workbookId, ctx.props.table)
    header = await graph(ctx, "GET", f"{path}/headerRowRange")
    columns = [str(c) for c in ((header.get("values") or [[]])[0])]
    params = {"$top": ctx.props.top}
    if ctx.props.skip:
        params["$skip"] = ctx.props.skip
    data = await graph(ctx, "GET", f"{path}/rows", params=params)
    rows = []
    for row in data.get("value") or []:
        cells = (row.get("values") or [[]])[0]
        names = columns if len(columns) == len(cells) else [f"Column{n}" for n in range(1, len(cells) + 1)]
        rows.append({"index": row.get("index"), "values": dict(zip(names, cells))})
    more = len(rows) == ctx.props.top
    ctx.summary = f"Read {len(rows)} row(s) of table {ctx.props.table}" + (" (there may be more)" if more else "")
    return {"columns": columns, "rows": rows, "nextSkip": ctx.props.skip + len(rows) if more else None}
