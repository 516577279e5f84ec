from mcp_gateway.catalog import props, within

from ..app import app, show


def database_summary(row):
    return {key: row.get(key) for key in ("name", "owner", "comment", "created_on", "kind")}


@app.action(
    "list-databases",
    title="List Databases",
    description=(
        "List the Snowflake databases the role can see (`SHOW DATABASES`), by name. Then list a database's schemas "
        "with snowflake-list-schemas."
    ),
    props={
        "like": props.string("Name Like", "Only names matching this pattern, `%` for any text, e.g. `SALES%`.", optional=True),
        "warehouse": app.definition("warehouse"),
        "role": app.definition("role"),
        "limit": props.limit("databases"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("databases", database_summary),
)
async def list_databases(ctx):
    rows, cursor = await show(ctx, "SHOW DATABASES", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                              like=ctx.props.get("like"))
    ctx.summary = f"Listed {len(rows)} database{'s' if len(rows) != 1 else ''}"
    return {"databases": rows, "next_cursor": cursor}
