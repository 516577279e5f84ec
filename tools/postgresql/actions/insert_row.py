from ..app import app, check_row_values, connect, fetch_json, quote_ident, resolve_table


@app.action(
    "insert-row",
    title="Insert Row",
    description=(
        "Insert one row into a table and return it as stored, with defaults and generated values "
        "(ids, timestamps) filled in. Columns left out of rowValues get their defaults."
    ),
    props={
        "schema": app.definition("schema"),
        "table": app.definition("table"),
        "rowValues": app.definition("rowValues"),
    },
    open_world=False,
)
async def insert_row(ctx):
    values = check_row_values(ctx.props.rowValues)
    async with connect(ctx) as conn:
        table = await resolve_table(conn, ctx.props.table, ctx.props.get("schema"))
        if values:
            columns = ", ".join(quote_ident(c) for c in values)
            placeholders = ", ".join(f"${i}" for i in range(1, len(values) + 1))
            query = f"INSERT INTO {table.sql} ({columns}) VALUES ({placeholders}) RETURNING *"
        else:
            query = f"INSERT INTO {table.sql} DEFAULT VALUES RETURNING *"
        rows = await fetch_json(conn, query, list(values.values()))
    ctx.summary = f"Inserted a row into {table}"
    return rows[0] if rows else None
