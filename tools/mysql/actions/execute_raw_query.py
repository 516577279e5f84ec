from mcp_gateway.catalog import props

from ..app import app, connect, db_info_options


@app.action(
    "execute-raw-query",
    title="Execute SQL Query",
    description=(
        "Run one SQL statement of any kind (SELECT, INSERT, UPDATE, DELETE, DDL, CALL...) on the MySQL "
        "database. Pass values as params with `?` placeholders, e.g. `{\"query\": \"select * from products "
        "where name = ? and price > ?\", \"params\": [\"foo\", 10.99]}`; never put values into the query text. "
        "A statement that returns rows gives a list of row objects (at most 1000); any other statement gives "
        "`affectedRows`, `insertId`, `info` and `warnings`; a CALL with several result sets gives `resultSets`. "
        "To see the tables and columns first, configure the `sql` prop: its context holds `dbInfo`, the "
        "database schema."
    ),
    props={
        "sql": props.sql(
            "SQL Query",
            "One statement, with `?` placeholders and their values in `params`.",
            app="mysql",
            options=db_info_options,
        ),
    },
    destructive=True,
    open_world=False,
)
async def execute_raw_query(ctx):
    sql = ctx.props.sql
    async with connect(ctx) as session:
        outcome = await session.execute(sql["query"], sql["params"])
    ctx.summary = outcome.describe()
    if len(outcome.result_sets) > 1:
        return {"resultSets": outcome.result_sets}
    if outcome.result_sets:
        return outcome.rows
    return outcome.header()
