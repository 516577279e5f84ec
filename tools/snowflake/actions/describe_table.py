from mcp_gateway.catalog import within

from ..app import app, context_body, identifier, rows_of, run_sql


def column_summary(row):
    return {"name": row.get("name"), "type": row.get("type"), "nullable": row.get("null?") == "Y",
            "default": row.get("default"), "primary_key": row.get("primary key") == "Y", "comment": row.get("comment")}


@app.action(
    "describe-table",
    title="Describe Table",
    description=(
        "List one Snowflake table's or view's columns with their types, nullability, defaults and primary key "
        "(`DESCRIBE TABLE`): what to know before writing SQL against it."
    ),
    props={
        "database": app.definition("database"),
        "schema": app.definition("schema"),
        "table": app.definition("table"),
        "warehouse": app.definition("warehouse"),
        "role": app.definition("role"),
    },
    read_only=True,
    trim=within("columns", column_summary),
)
async def describe_table(ctx):
    name = ".".join(identifier(ctx.props[p]) for p in ("database", "schema", "table"))
    answer = await run_sql(ctx, f"DESCRIBE TABLE {name}", **context_body(ctx.props))
    columns = rows_of(answer)
    ctx.summary = f"{ctx.props.table} has {len(columns)} columns"
    return {"table": name, "columns": columns}
