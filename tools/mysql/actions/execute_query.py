from ..app import app, check_condition, condition_params, connect, plural, resolve_table


@app.action(
    "execute-query",
    title="Find Rows",
    description=(
        "Find the rows of a table that match a WHERE condition with `?` placeholders, e.g. table `orders`, "
        "condition `status = ? AND total > ?`, values `[\"paid\", 100]`. The condition may end with ORDER BY "
        "and LIMIT, e.g. `status = ? ORDER BY created_at DESC LIMIT 10`. Returns the rows as a list of "
        "objects (at most 1000). Read-only."
    ),
    props={
        "table": app.definition("table", description="The table to search, e.g. `orders`."),
        "condition": app.definition("condition"),
        "values": app.definition("values"),
    },
    read_only=True,
    open_world=False,
)
async def execute_query(ctx):
    condition = check_condition(ctx.props.get("condition"), "read")
    values = condition_params(condition, ctx.props.get("values"), "values")
    async with connect(ctx) as session, session.read_only():
        table = await resolve_table(session, ctx.props.table)
        outcome = await session.execute(
            f"SELECT * FROM {table.sql} WHERE {condition}", values, json_columns=table.json_columns, reads_only=True
        )
    if outcome.truncated:
        ctx.summary = (
            f"Found more than {len(outcome.rows)} rows in {table}; returned the first {len(outcome.rows)} "
            "(add LIMIT or narrow the condition)"
        )
    else:
        ctx.summary = f"Found {plural(len(outcome.rows), 'row')} in {table}"
    return outcome.rows
