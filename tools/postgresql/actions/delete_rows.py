from mcp_gateway.catalog import props

from ..app import app, connect, plural, resolve_table, run_counted, where_equals


@app.action(
    "delete-rows",
    title="Delete Rows",
    description=(
        "Delete every row of a table whose column equals a value. This cannot be undone. Returns "
        "`deletedCount` and the deleted rows (the first 1000)."
    ),
    props={
        "schema": app.definition("schema"),
        "table": app.definition("table"),
        "column": app.definition("column", description="The column to match, e.g. `id`."),
        "value": props.any_value("Value", "Rows whose column equals this value are deleted; null matches NULL."),
    },
    destructive=True,
    idempotent=True,
    open_world=False,
)
async def delete_rows(ctx):
    async with connect(ctx) as conn:
        table = await resolve_table(conn, ctx.props.table, ctx.props.get("schema"))
        condition, params = where_equals(ctx.props.column, ctx.props.get("value"), 1)
        count, rows = await run_counted(conn, f"DELETE FROM {table.sql} WHERE {condition} RETURNING *", params)
    ctx.summary = f"Deleted {plural(count, 'row')} from {table}"
    return {"deletedCount": count, "rows": rows}
