from mcp_gateway.catalog import props, within

from ..app import app, identifier, show


def schema_summary(row):
    return {key: row.get(key) for key in ("name", "database_name", "owner", "comment", "created_on")}


@app.action(
    "list-schemas",
    title="List Schemas",
    description="List the schemas of one Snowflake database (`SHOW SCHEMAS`). Then list a schema's tables with snowflake-list-tables.",
    props={
        "database": app.definition("database"),
        "like": props.string("Name Like", "Only names matching this pattern, `%` for any text.", optional=True),
        "warehouse": app.definition("warehouse"),
        "role": app.definition("role"),
        "limit": props.limit("schemas"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("schemas", schema_summary),
)
async def list_schemas(ctx):
    command = f"SHOW SCHEMAS IN DATABASE {identifier(ctx.props.database)}"
    rows, cursor = await show(ctx, command, limit=ctx.props.limit, cursor=ctx.props.get("cursor"), like=ctx.props.get("like"))
    ctx.summary = f"Listed {len(rows)} schema{'s' if len(rows) != 1 else ''} in {ctx.props.database}"
    return {"schemas": rows, "next_cursor": cursor}
