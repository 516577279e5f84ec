from ..app import app, check_row_values, connect, quote_ident, read_back, resolve_table, row_params


@app.action(
    "create-row",
    title="Insert Row",
    description=(
        "Insert one row into a table. Columns left out of rowValues get their defaults. Returns `insertId` "
        "(the new AUTO_INCREMENT id, if the table has one) and `row`, the row as stored with defaults and "
        "generated values filled in (null when the table has no key to find it by)."
    ),
    props={
        "table": app.definition("table", description="The table to insert into, e.g. `users`."),
        "rowValues": app.definition("rowValues"),
    },
    open_world=False,
)
async def create_row(ctx):
    values = check_row_values(ctx.props.rowValues)
    async with connect(ctx) as session:
        table = await resolve_table(session, ctx.props.table)
        columns, params = row_params(table, values)
        names = ", ".join(quote_ident(c.name) for c in columns)
        placeholders = ", ".join("?" for _ in columns)
        outcome = await session.execute(f"INSERT INTO {table.sql} ({names}) VALUES ({placeholders})", params)
        row = await read_back(session, table, values, outcome.insert_id)
    ctx.summary = f"Inserted a row into {table}" + (f" with id {outcome.insert_id}" if outcome.insert_id else "")
    result = {"insertId": outcome.insert_id, "row": row}
    if outcome.warnings:
        result["warnings"] = outcome.warnings
    return result
