from mcp_gateway.catalog import props

from ..app import api, app, collect, row_object, table_path


@app.action(
    "list-table-rows",
    title="List Table Rows",
    description=(
        "Read a table's rows as stored, as `{column: value}` objects, without running a query (and at no query cost). "
        "To filter, sort or join, use google_bigquery-run-query instead."
    ),
    props={
        "projectId": app.definition("projectId"),
        "datasetId": app.definition("datasetId"),
        "tableId": app.definition("tableId"),
        "selectedFields": props.string_list(
            "Columns", "Only these columns, e.g. `[\"name\", \"total\"]`; all when empty.", optional=True,
        ),
        "limit": props.limit("rows", default=100, maximum=1000),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=lambda page: {"rows": page["rows"], "total_rows": page["total_rows"], "next_cursor": page["next_cursor"]},
)
async def list_table_rows(ctx):
    path = table_path(ctx.props.projectId, ctx.props.datasetId, ctx.props.tableId)
    table = await api(ctx, "GET", path)
    fields = (table.get("schema") or {}).get("fields") or []
    params = {}
    if ctx.props.get("selectedFields"):
        wanted = set(ctx.props.selectedFields)
        params["selectedFields"] = ",".join(ctx.props.selectedFields)
        # The rows hold the selected columns only, in the table's order.
        fields = [f for f in fields if f.get("name") in wanted]
    raw, token = await collect(ctx, f"{path}/data", "rows", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                               params=params)
    rows = [row_object(fields, row) for row in raw]
    ctx.summary = f"Read {len(rows)} rows of {ctx.props.datasetId}.{ctx.props.tableId}"
    return {"rows": rows, "total_rows": table.get("numRows"), "next_cursor": token, "raw_rows": raw, "schema": table.get("schema")}
