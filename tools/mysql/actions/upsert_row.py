from mcp_gateway.catalog import ActionError

from ..app import app, check_row_values, connect, quote_ident, read_back, resolve_table, row_params

OUTCOMES = {0: "unchanged", 1: "inserted", 2: "updated"}


@app.action(
    "upsert-row",
    title="Upsert Row",
    description=(
        "Insert a row, or update the existing row when one with the same primary key or unique value exists "
        "(INSERT ... ON DUPLICATE KEY UPDATE). rowValues must include the value of the primary key or of a "
        "unique column, e.g. `{\"email\": \"ada@example.com\", \"name\": \"Ada\"}`; the primary key itself is "
        "never changed. Returns `action` (inserted, updated or unchanged) and the row as stored."
    ),
    props={
        "table": app.definition("table", description="The table to upsert into, e.g. `users`."),
        "rowValues": app.definition(
            "rowValues",
            description=(
                "The row, as an object of column name to value, including the primary key or a unique column. "
                "Values are converted to the column types as in mysql-create-row."
            ),
        ),
    },
    destructive=True,
    idempotent=True,
    open_world=False,
)
async def upsert_row(ctx):
    values = check_row_values(ctx.props.rowValues)
    if not values:
        raise ActionError("rowValues is empty: give the row, including its primary key or a unique column")
    async with connect(ctx) as session:
        table = await resolve_table(session, ctx.props.table)
        columns, params = row_params(table, values)
        given = {c.name for c in columns}
        if not table.unique_keys:
            raise ActionError(
                f"table {table} has no primary key or unique index, so no existing row can be matched; "
                "use mysql-create-row to insert"
            )
        if not any(all(c in given for c in key) for key in table.unique_keys):
            keys = " or ".join("(" + ", ".join(key) + ")" for key in table.unique_keys)
            raise ActionError(f"rowValues has no value for a unique key of {table}: give {keys}")
        auto = table.auto_increment
        updated = [c for c in columns if c.key != "PRI" and (auto is None or c.name != auto.name)]
        assignments = [f"{quote_ident(c.name)} = ?" for c in updated]
        update_params = [p for c, p in zip(columns, params) if c in updated]
        if auto is not None:
            # Makes the existing row's id the statement's insert id, so the row can be read back.
            assignments.append(f"{quote_ident(auto.name)} = LAST_INSERT_ID({quote_ident(auto.name)})")
        if not assignments:
            key = quote_ident(table.unique_keys[0][0])
            assignments.append(f"{key} = {key}")
        names = ", ".join(quote_ident(c.name) for c in columns)
        placeholders = ", ".join("?" for _ in columns)
        outcome = await session.execute(
            f"INSERT INTO {table.sql} ({names}) VALUES ({placeholders}) ON DUPLICATE KEY UPDATE {', '.join(assignments)}",
            [*params, *update_params],
        )
        row = await read_back(session, table, values, outcome.insert_id if auto is not None else None)
    action = OUTCOMES.get(outcome.affected_rows, "updated")
    ctx.summary = {
        "inserted": f"Inserted a new row into {table}",
        "updated": f"Updated the existing row in {table}",
        "unchanged": f"The row in {table} already had these values; nothing changed",
    }[action]
    result = {"action": action, "row": row}
    if outcome.warnings:
        result["warnings"] = outcome.warnings
    return result
