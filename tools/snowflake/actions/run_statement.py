from mcp_gateway.catalog import ActionError, props

from ..app import api, app, context_body, statement_summary

_TYPES = ((bool, "BOOLEAN"), (int, "FIXED"), (float, "REAL"), (str, "TEXT"))


def _bindings(values):
    """Values for the statement's `?` placeholders, in order, as Snowflake's typed bindings."""
    out = {}
    for index, value in enumerate(values, start=1):
        kind = next((t for py, t in _TYPES if isinstance(value, py)), None)
        if kind is None:
            raise ActionError(f"binding {index} must be a string, a number or true/false")
        out[str(index)] = {"type": kind, "value": str(value).lower() if isinstance(value, bool) else str(value)}
    return out


@app.action(
    "run-statement",
    title="Run SQL Statement",
    description=(
        "Run one SQL statement in Snowflake (SELECT, INSERT, UPDATE, MERGE, CREATE, SHOW...) and return the first part "
        "of its result as `{column: value}` rows (values as Snowflake sends them: strings). Put values in `bindings` "
        "for `?` placeholders rather than in the SQL. A long statement comes back with status `running`: follow it "
        "with snowflake-get-statement-status. When `next_cursor` is set, read the next part with "
        "snowflake-get-result-partition. To browse objects, snowflake-list-tables and snowflake-describe-table are "
        "simpler."
    ),
    props={
        "statement": props.string(
            "SQL", "One SQL statement, e.g. `SELECT ID, TOTAL FROM SALES.PUBLIC.ORDERS WHERE TOTAL > ? LIMIT 100`."
        ),
        "bindings": props.any_value(
            "Bindings", "Values for the `?` placeholders in order, e.g. `[100, \"paid\"]`.", optional=True,
        ),
        "warehouse": app.definition("warehouse"),
        "database": app.definition("database", optional=True, description="The database unqualified names refer to, e.g. `SALES`."),
        "schema": app.definition("schema", optional=True, description="The schema unqualified names refer to, e.g. `PUBLIC`."),
        "role": app.definition("role"),
        "timeout": props.integer(
            "Timeout (s)", "Stop the statement after this many seconds (Snowflake's default is 2 days).", optional=True, min=1,
        ),
    },
    trim=statement_summary,
)
async def run_statement(ctx):
    body = {"statement": ctx.props.statement, **context_body(ctx.props)}
    bindings = ctx.props.get("bindings")
    if bindings is not None:
        if not isinstance(bindings, list):
            raise ActionError("bindings must be a list of values, one per `?` in the SQL, e.g. `[100, \"paid\"]`")
        body["bindings"] = _bindings(bindings)
    if ctx.props.get("timeout"):
        body["timeout"] = ctx.props.timeout
    answer = await api(ctx, "POST", "/statements", json=body)
    if answer.get("code") == "333334":
        ctx.summary = f"The statement is still running; check it with snowflake-get-statement-status ({answer.get('statementHandle')})"
    else:
        ctx.summary = f"{answer.get('message') or 'Ran the statement'} ({(answer.get('resultSetMetaData') or {}).get('numRows', 0)} rows)"
    return answer
