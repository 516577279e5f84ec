from mcp_gateway.catalog import props

from ..app import app, connect, fetch_json, resolve_table, where_equals


@app.action(
    "find-row",
    title="Find Row",
    description=(
        "Find the first row of a table whose column equals a value, e.g. the user with a given email. "
        "Returns the row as an object, or null when no row matches. Read-only."
    ),
    props={
        "schema": app.definition("schema"),
        "table": app.definition("table"),
        "column": app.definition("column", description="The column to look the value up in."),
        "value": props.any_value("Value", "The value to look for; null finds a row where the column is NULL."),
    },
    read_only=True,
    open_world=False,
)
async def find_row(ctx):
    async with connect(ctx) as conn, conn.transaction(readonly=True):
        table = await resolve_table(conn, ctx.props.table, ctx.props.get("schema"))
        condition, params = where_equals(ctx.props.column, ctx.props.get("value"), 1)
        rows = await fetch_json(conn, f"SELECT * FROM {table.sql} WHERE {condition} LIMIT 1", params)
    if rows:
        ctx.summary = f"Found a row in {table} where {ctx.props.column} matches"
        return rows[0]
    ctx.summary = f"No row in {table} where {ctx.props.column} matches"
    return None
