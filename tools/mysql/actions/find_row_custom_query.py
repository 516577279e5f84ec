from mcp_gateway.catalog import ActionError, props

from ..app import READ_KEYWORDS, app, connect, first_keyword


@app.action(
    "find-row-custom-query",
    title="Find Rows With Custom Query",
    description=(
        "Run a read-only SELECT query (joins, aggregates, subqueries) and return the matching rows as a list "
        "of objects (at most 1000). Use `?` placeholders with their values in `values`, e.g. query "
        "`select * from users where email = ?` and values `[\"ada@example.com\"]`. Only SELECT, WITH, SHOW, "
        "DESCRIBE and EXPLAIN are accepted, and the query runs in a read-only transaction; use "
        "mysql-execute-raw-query to change data."
    ),
    props={
        "query": props.string(
            "Query",
            "A SELECT statement with `?` placeholders, e.g. `select id, name from users where created_at > ?`.",
        ),
        "values": props.any_value(
            "Values",
            "An array with one value per `?` placeholder, in order, e.g. `[\"2024-01-01\"]`.",
            optional=True,
        ),
    },
    read_only=True,
    open_world=False,
)
async def find_row_custom_query(ctx):
    query = ctx.props.query
    keyword = first_keyword(query)
    if keyword not in READ_KEYWORDS:
        raise ActionError(
            f"this action only runs SELECT queries, and this query starts with {keyword or 'no SQL keyword'}; "
            "use mysql-execute-raw-query to run other statements"
        )
    values = ctx.props.get("values")
    if values is None:
        values = []
    if not isinstance(values, list):
        raise ActionError("values must be an array with one value per `?` placeholder, e.g. [42, \"ada@example.com\"]")
    async with connect(ctx) as session, session.read_only():
        outcome = await session.execute(query, values, reads_only=True)
    ctx.summary = outcome.describe()
    return outcome.rows
