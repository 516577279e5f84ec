from mcp_gateway.catalog import ActionError

from ..app import app, check_row_values, connect, fetch_json, quote_ident, resolve_table


@app.action(
    "upsert-row",
    title="Upsert Row",
    description=(
        "Insert a row, or update the existing row when one with the same conflict target values exists "
        "(INSERT ... ON CONFLICT DO UPDATE). The conflict target columns need a unique index or primary key, "
        "e.g. `[\"id\"]` or `[\"email\"]`. Returns the row as stored."
    ),
    props={
        "schema": app.definition("schema"),
        "table": app.definition("table"),
        "conflictTarget": app.definition(
            "column",
            type="string[]",
            label="Conflict Target",
            description="The column(s) of a unique index or primary key that identify an existing row, e.g. `[\"email\"]`.",
        ),
        "rowValues": app.definition(
            "rowValues", description="The row, as an object of column name to value; include the conflict target columns."
        ),
    },
    destructive=True,
    idempotent=True,
    open_world=False,
)
async def upsert_row(ctx):
    values = check_row_values(ctx.props.rowValues)
    targets = list(ctx.props.conflictTarget or [])
    if not targets:
        raise ActionError("conflictTarget is empty: name the unique column(s) that identify an existing row")
    missing = [t for t in targets if t not in values]
    if missing:
        raise ActionError(f"rowValues has no value for the conflict target column(s) {', '.join(missing)}")
    async with connect(ctx) as conn:
        table = await resolve_table(conn, ctx.props.table, ctx.props.get("schema"))
        columns = ", ".join(quote_ident(c) for c in values)
        placeholders = ", ".join(f"${i}" for i in range(1, len(values) + 1))
        # With nothing but the target to update, set it to itself so the row still comes back.
        updates = [c for c in values if c not in targets] or targets[:1]
        assignments = ", ".join(f"{quote_ident(c)} = EXCLUDED.{quote_ident(c)}" for c in updates)
        query = (
            f"INSERT INTO {table.sql} ({columns}) VALUES ({placeholders}) "
            f"ON CONFLICT ({', '.join(quote_ident(t) for t in targets)}) DO UPDATE SET {assignments} RETURNING *"
        )
        rows = await fetch_json(conn, query, list(values.values()))
    ctx.summary = f"Upserted a row into {table}"
    return rows[0] if rows else None
