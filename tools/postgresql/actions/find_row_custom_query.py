import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, connect, run_query

# Leading whitespace, comments and opening parentheses before the first keyword.
_PREAMBLE = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/|\()*", re.S)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def first_keyword(query: str) -> str:
    match = _FIRST_WORD.match(query, _PREAMBLE.match(query).end())
    return match.group(0).upper() if match else ""


@app.action(
    "find-row-custom-query",
    title="Find Rows With Custom Query",
    description=(
        "Run a read-only SELECT query and return the matching rows as a list of objects (at most 1000). "
        "Use `$1`, `$2` placeholders with their values in `values`, e.g. query "
        "`select * from users where email = $1` and values `[\"ada@example.com\"]`. Only SELECT (and WITH ... "
        "SELECT) is accepted, and it runs in a read-only transaction; use execute-custom-query to change data."
    ),
    props={
        "query": props.string(
            "Query",
            "A SELECT statement with `$1`, `$2`... placeholders, e.g. `select * from users where id = $1`.",
        ),
        "values": props.any_value(
            "Values",
            "An array with one value per placeholder, in order, e.g. `[42]`.",
            optional=True,
        ),
    },
    read_only=True,
    open_world=False,
)
async def find_row_custom_query(ctx):
    query = ctx.props.query
    keyword = first_keyword(query)
    if keyword not in ("SELECT", "WITH"):
        shown = keyword or "no SQL keyword"
        raise ActionError(
            f"this action only runs SELECT queries, and this query starts with {shown}; "
            "use postgresql-execute-custom-query to run other statements"
        )
    values = ctx.props.get("values")
    if values is None:
        values = []
    if not isinstance(values, list):
        raise ActionError("values must be an array with one value per placeholder, e.g. [42, \"ada@example.com\"]")
    async with connect(ctx) as conn, conn.transaction(readonly=True):
        result = await run_query(conn, query, values)
    ctx.summary = result.describe()
    return result.rows
