import re

from mcp_gateway.catalog import ActionError

from ..app import app, check_condition, check_row_values, condition_params, connect, plural, quote_ident, resolve_table, row_params

_MATCHED = re.compile(r"Rows matched:\s*(\d+)\s+Changed:\s*(\d+)")


@app.action(
    "update-row",
    title="Update Rows",
    description=(
        "Update the rows of a table that match a WHERE condition, setting the columns given in rowValues, "
        "e.g. table `users`, condition `id = ?`, conditionValues `[42]`, rowValues `{\"name\": \"Ada\"}`. "
        "Returns `matchedCount` (rows the condition matched) and `changedCount` (rows whose values changed)."
    ),
    props={
        "table": app.definition("table", description="The table to update, e.g. `users`."),
        "condition": app.definition("condition"),
        "conditionValues": app.definition("values", label="Condition Values"),
        "rowValues": app.definition(
            "rowValues", description="The columns to change, as an object of column name to new value, e.g. `{\"status\": \"paid\"}`."
        ),
    },
    destructive=True,
    idempotent=True,
    open_world=False,
)
async def update_row(ctx):
    condition = check_condition(ctx.props.get("condition"), "update")
    lookup = condition_params(condition, ctx.props.get("conditionValues"), "conditionValues")
    values = check_row_values(ctx.props.rowValues)
    if not values:
        raise ActionError("rowValues is empty: give at least one column to change")
    async with connect(ctx) as session:
        table = await resolve_table(session, ctx.props.table)
        columns, params = row_params(table, values)
        assignments = ", ".join(f"{quote_ident(c.name)} = ?" for c in columns)
        outcome = await session.execute(f"UPDATE {table.sql} SET {assignments} WHERE {condition}", [*params, *lookup])
    found = _MATCHED.search(outcome.info)
    matched = int(found.group(1)) if found else None
    changed = int(found.group(2)) if found else outcome.affected_rows
    ctx.summary = f"Updated {plural(changed, 'row')} in {table}" + (f" ({matched} matched)" if matched is not None else "")
    result = {"matchedCount": matched, "changedCount": changed}
    if outcome.warnings:
        result["warnings"] = outcome.warnings
    return result
