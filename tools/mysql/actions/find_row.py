from mcp_gateway.catalog import ActionError, Option, props

from ..app import app, coerce, connect, quote_ident, resolve_table

OPERATORS = {
    "=": "=",
    "!=": "<>",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "like": "LIKE",
    "not like": "NOT LIKE",
}


@app.action(
    "find-row",
    title="Find Row",
    description=(
        "Find the first row of a table whose column matches a value, e.g. the user with a given email. "
        "Returns the row as an object, or null when no row matches. Read-only. For several rows or a more "
        "complex filter use mysql-execute-query."
    ),
    props={
        "table": app.definition("table", description="The table to look in, e.g. `users`."),
        "column": app.definition("column", description="The column to compare, e.g. `email`."),
        "operator": props.string(
            "Operator",
            "How the column is compared with the value; `like` takes `%` and `_` wildcards, e.g. `ada%`.",
            optional=True,
            default="=",
            options=[
                Option("Equal to", "="),
                Option("Not equal to", "!="),
                Option("Less than", "<"),
                Option("Less than or equal to", "<="),
                Option("Greater than", ">"),
                Option("Greater than or equal to", ">="),
                Option("Matches a pattern", "like"),
                Option("Does not match a pattern", "not like"),
            ],
        ),
        "value": props.any_value(
            "Value", "The value to compare with, e.g. `ada@example.com`; null finds a row where the column is NULL."
        ),
    },
    read_only=True,
    open_world=False,
)
async def find_row(ctx):
    operator = str(ctx.props.get("operator") or "=").strip().lower()
    if operator == "<>":
        operator = "!="
    if operator not in OPERATORS:
        raise ActionError(f"operator {operator!r} is not one of {', '.join(OPERATORS)}")
    value = ctx.props.get("value")
    async with connect(ctx) as session, session.read_only():
        table = await resolve_table(session, ctx.props.table)
        column = table.column(ctx.props.column)
        if value is None:
            if operator not in ("=", "!="):
                raise ActionError(f"a null value can only be compared with = or !=, not {operator}")
            condition, params = f"{quote_ident(column.name)} IS {'NOT ' if operator == '!=' else ''}NULL", []
        else:
            condition, params = f"{quote_ident(column.name)} {OPERATORS[operator]} ?", [coerce(value, column)]
        outcome = await session.execute(
            f"SELECT * FROM {table.sql} WHERE {condition} LIMIT 1", params, json_columns=table.json_columns
        )
    shown = "NULL" if value is None else repr(value)
    if outcome.rows:
        ctx.summary = f"Found a row in {table} where {column.name} {operator} {shown}"
        return outcome.rows[0]
    ctx.summary = f"No row in {table} where {column.name} {operator} {shown}"
    return None
