from mcp_gateway.catalog import ActionError, props

from ..app import api, app, statement_path


@app.action(
    "get-result-partition",
    title="Get Result Partition",
    description=(
        "Read a further part of a big Snowflake result: pass the statement's handle and the `next_cursor` of "
        "snowflake-run-statement or of the previous call. Rows come as arrays, in the order of the `columns` the "
        "statement returned."
    ),
    props={
        "statementHandle": app.definition("statementHandle"),
        "cursor": props.string(
            "Cursor", "The `next_cursor` of snowflake-run-statement, snowflake-get-statement-status or the previous "
            "call, unchanged (a partition number, `1` for the second part).",
        ),
        "partitions": props.integer(
            "Partitions", "How many partitions the result has: the `partitions` snowflake-run-statement returned.",
            optional=True, min=1,
        ),
    },
    read_only=True,
)
async def get_result_partition(ctx):
    try:
        partition = int(ctx.props.cursor)
    except ValueError:
        raise ActionError(f"cursor {ctx.props.cursor!r} is not one snowflake-run-statement returned; pass it unchanged") from None
    answer = await api(ctx, "GET", statement_path(ctx.props.statementHandle), params={"partition": partition})
    rows = answer.get("data") or []
    total = ctx.props.get("partitions")
    more = partition + 1 < total if total else bool(rows)
    ctx.summary = f"Read {len(rows)} rows of partition {partition}"
    return {"rows": rows, "partition": partition, "next_cursor": str(partition + 1) if more else None}
