from mcp_gateway.catalog import props, within

from ..app import app, identifier, show


def table_summary(row):
    return {key: row.get(key) for key in ("name", "database_name", "schema_name", "kind", "rows", "bytes", "owner",
                                           "comment", "created_on")}


@app.action(
    "list-tables",
    title="List Tables",
    description=(
        "List the tables of one Snowflake schema (`SHOW TABLES`) with their row counts and sizes. For a table's "
        "columns use snowflake-describe-table."
    ),
    props={
        "database": app.definition("database"),
        "schema": app.definition("schema"),
        "like": props.string("Name Like", "Only names matching this pattern, `%` for any text, e.g. `ORDER%`.", optional=True),
        "warehouse": app.definition("warehouse"),
        "role": app.definition("role"),
        "limit": props.limit("tables"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tables", table_summary),
)
async def list_tables(ctx):
    command = f"SHOW TABLES IN SCHEMA {identifier(ctx.props.database)}.{identifier(ctx.props.schema)}"
    rows, cursor = await show(ctx, command, limit=ctx.props.limit, cursor=ctx.props.get("cursor"), like=ctx.props.get("like"))
    ctx.summary = f"Listed {len(rows)} table{'s' if len(rows) != 1 else ''} in {ctx.props.database}.{ctx.props.schema}"
    return {"tables": rows, "next_cursor": cursor}
