from mcp_gateway.catalog import props

from ..app import app, graph, offset, table_path


def _named_rows(page):
    """Each row keyed by the table's column names (Column1, Column2... when they do not line up)."""
    columns = page.get("columns") or []
    rows = []
    for row in page.get("rows") or []:
        cells = (row.get("values") or [[]])[0]
        names = columns if len(columns) == len(cells) else [f"Column{n}" for n in range(1, len(cells) + 1)]
        rows.append({"index": row.get("index"), "values": dict(zip(names, cells))})
    return {**page, "rows": rows}


@app.action(
    "list-table-rows",
    title="List Table Rows",
    description=(
        "Read the data rows of an Excel table, each as an object keyed by the table's column names, with its "
        "0-based position. To read cells outside a table use microsoft_excel-get-used-range; to look up rows by a "
        "value, microsoft_excel-find-rows; to add rows, microsoft_excel-add-table-rows."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "table": app.definition("table"),
        "limit": props.limit("rows"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=_named_rows,
)
async def list_table_rows(ctx):
    path = table_path(ctx.props.workbookId, ctx.props.table)
    skip = offset(ctx.props.get("cursor"))
    header = await graph(ctx, "GET", f"{path}/headerRowRange")
    columns = [str(c) for c in ((header.get("values") or [[]])[0])]
    params = {"$top": ctx.props.limit}
    if skip:
        params["$skip"] = skip
    rows = (await graph(ctx, "GET", f"{path}/rows", params=params)).get("value") or []
    # A full page may be followed by more; a short one is the end of the table.
    more = len(rows) == ctx.props.limit
    ctx.summary = f"Read {len(rows)} row(s) of table {ctx.props.table}" + (" (there may be more)" if more else "")
    return {"columns": columns, "rows": rows, "next_cursor": str(skip + len(rows)) if more else None}
