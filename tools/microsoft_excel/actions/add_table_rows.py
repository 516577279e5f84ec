from mcp_gateway.catalog import props

from ..app import app, graph, parse_rows, table_path


@app.action(
    "add-table-rows",
    title="Add Table Rows",
    description=(
        "Add rows to an Excel table, at its end by default, in one request. Each row needs a value for every "
        "column of the table, in column order. Returns the position of the first new row. To write cells outside a "
        "table use microsoft_excel-update-range; to make a table first, microsoft_excel-create-table."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "table": app.definition("table"),
        "rows": props.any_value(
            "Rows",
            "The rows to add, as an array of rows, each an array with one value per table column, e.g. "
            "`[[\"2024-05-01\", \"Taxi\", 23.5], [\"2024-05-02\", \"Lunch\", 12]]` (the same as JSON text also "
            "works). null leaves a cell empty; `=...` writes a formula.",
        ),
        "index": props.integer(
            "Insert At",
            "Where to insert the rows, as a 0-based position among the table's data rows (0 is the first row). "
            "Leave empty to add them at the end.",
            min=0,
            optional=True,
        ),
    },
)
async def add_table_rows(ctx):
    rows = parse_rows(ctx.props.rows, "rows")
    body = {"values": rows}
    if ctx.props.get("index") is not None:
        body["index"] = ctx.props.index
    data = await graph(ctx, "POST", f"{table_path(ctx.props.workbookId, ctx.props.table)}/rows/add", json_body=body)
    ctx.summary = f"Added {len(rows)} row(s) to table {ctx.props.table} at position {data.get('index')}"
    return {"index": data.get("index"), "rowsAdded": len(rows), "values": data.get("values")}
