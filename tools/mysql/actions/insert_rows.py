from mcp_gateway.catalog import ActionError, props

from ..app import MAX_INSERT_ROWS, app, check_row_values, coerce, connect, plural, quote_ident, resolve_table


@app.action(
    "insert-rows",
    title="Insert Multiple Rows",
    description=(
        "Insert several rows into a table in one statement: either all of them are inserted or, on an error "
        "such as a duplicate key, none. Each row is an object of column name to value; a column missing from "
        "a row gets its default. Returns `insertedCount` and `firstInsertId`, the AUTO_INCREMENT id of the "
        "first new row (if the table has one). At most 1000 rows per call."
    ),
    props={
        "table": app.definition("table", description="The table to insert into, e.g. `orders`."),
        "rows": props.object_list(
            "Rows",
            "The rows, e.g. `[{\"name\": \"Ada\", \"age\": 36}, {\"name\": \"Alan\"}]`. Values are converted to the "
            "column types as in mysql-create-row.",
        ),
    },
    open_world=False,
)
async def insert_rows(ctx):
    rows = [check_row_values(row, "each row") for row in ctx.props.rows or []]
    if not rows:
        raise ActionError("rows is empty: give at least one row object")
    if len(rows) > MAX_INSERT_ROWS:
        raise ActionError(f"{len(rows)} rows were given; insert at most {MAX_INSERT_ROWS} per call")
    async with connect(ctx) as session:
        table = await resolve_table(session, ctx.props.table)
        names: list[str] = []
        for row in rows:
            for key in row:
                name = table.column(key).name
                if name not in names:
                    names.append(name)
        by_name = [{table.column(k).name: v for k, v in row.items()} for row in rows]
        tuples: list[str] = []
        params: list = []
        for row in by_name:
            cells = []
            for name in names:
                if name in row:
                    cells.append("?")
                    params.append(coerce(row[name], table.column(name)))
                else:
                    cells.append("DEFAULT")
            tuples.append(f"({', '.join(cells)})")
        columns = ", ".join(quote_ident(n) for n in names)
        outcome = await session.execute(f"INSERT INTO {table.sql} ({columns}) VALUES {', '.join(tuples)}", params)
    ctx.summary = f"Inserted {plural(outcome.affected_rows, 'row')} into {table}"
    result = {"insertedCount": outcome.affected_rows, "firstInsertId": outcome.insert_id}
    if outcome.warnings:
        result["warnings"] = outcome.warnings
    return result
