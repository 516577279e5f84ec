from ..app import app, check_condition, condition_params, connect, plural, resolve_table


@app.action(
    "delete-row",
    title="Delete Rows",
    description=(
        "Delete the rows of a table that match a WHERE condition, e.g. table `sessions`, condition "
        "`user_id = ? AND expires_at < ?`, values `[42, \"2024-05-01\"]`. This cannot be undone. "
        "Returns `deletedCount`."
    ),
    props={
        "table": app.definition("table", description="The table to delete from, e.g. `sessions`."),
        "condition": app.definition("condition"),
        "values": app.definition("values"),
    },
    destructive=True,
    idempotent=True,
    open_world=False,
)
async def delete_row(ctx):
    condition = check_condition(ctx.props.get("condition"), "delete")
    values = condition_params(condition, ctx.props.get("values"), "values")
    async with connect(ctx) as session:
        table = await resolve_table(session, ctx.props.table)
        outcome = await session.execute(f"DELETE FROM {table.sql} WHERE {condition}", values)
    ctx.summary = f"Deleted {plural(outcome.affected_rows, 'row')} from {table}"
    return {"deletedCount": outcome.affected_rows}
