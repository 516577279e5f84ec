from mcp_gateway.catalog import ActionError, props

from ..app import app, check_row_values, connect, plural, quote_ident, resolve_table, run_counted, where_equals


@app.action(
    "update-row",
    title="Update Row",
    description=(
        "Update the rows of a table whose lookup column equals a value, setting the columns given in "
        "rowValues. Returns `updatedCount` and the updated rows as stored (the first 1000)."
    ),
    props={
        "schema": app.definition("schema"),
        "table": app.definition("table"),
        "lookupColumn": app.definition(
            "column", label="Lookup Column", description="The column that identifies the row(s), e.g. `id`."
        ),
        "lookupValue": props.any_value(
            "Lookup Value", "The value of the lookup column of the row(s) to update; null matches NULL."
        ),
        "rowValues": app.definition(
            "rowValues", description="The columns to change, as an object of column name to new value."
        ),
    },
    destructive=True,
    idempotent=True,
    open_world=False,
)
async def update_row(ctx):
    values = check_row_values(ctx.props.rowValues)
    if not values:
        raise ActionError("rowValues is empty: give at least one column to change")
    async with connect(ctx) as conn:
        table = await resolve_table(conn, ctx.props.table, ctx.props.get("schema"))
        assignments = ", ".join(f"{quote_ident(c)} = ${i}" for i, c in enumerate(values, start=1))
        condition, lookup = where_equals(ctx.props.lookupColumn, ctx.props.get("lookupValue"), len(values) + 1)
        count, rows = await run_counted(
            conn,
            f"UPDATE {table.sql} SET {assignments} WHERE {condition} RETURNING *",
            [*values.values(), *lookup],
        )
    ctx.summary = f"Updated {plural(count, 'row')} in {table}"
    return {"updatedCount": count, "rows": rows}
