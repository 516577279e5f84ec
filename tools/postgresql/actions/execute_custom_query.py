from mcp_gateway.catalog import props

from ..app import app, connect, db_info_options, run_query


@app.action(
    "execute-custom-query",
    title="Execute SQL Query",
    description=(
        "Run one SQL statement (any kind: SELECT, INSERT, UPDATE, DDL...) and return the rows it "
        "produces as a list of objects. Pass values as params with `$1`, `$2` placeholders, e.g. "
        "`{\"query\": \"select * from products where name = $1 and price > $2\", \"params\": [\"foo\", 10.99]}`; "
        "never put values into the query text. To see the tables and columns first, configure the `sql` prop: "
        "its context holds `dbInfo`, the database schema. At most 1000 rows are returned."
    ),
    props={
        "sql": props.sql(
            "SQL Query",
            "The statement, with `$1`, `$2`... placeholders and their values in `params`.",
            app="postgresql",
            options=db_info_options,
        ),
    },
    destructive=True,
    open_world=False,
)
async def execute_custom_query(ctx):
    sql = ctx.props.sql
    async with connect(ctx) as conn:
        result = await run_query(conn, sql["query"], sql["params"])
    ctx.summary = result.describe()
    return result.rows
