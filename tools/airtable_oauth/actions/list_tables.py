from mcp_gateway.catalog import within

from ..app import app, base_id, plural, request, table_summary


@app.action(
    "list-tables",
    title="List Tables",
    description=(
        "List the tables of an Airtable base: each table's ID (`tbl...`), name, description, primary field, field "
        "names and views. For the field types and select options that writing records needs, use "
        "airtable_oauth-list-fields (one table) or airtable_oauth-get-base-schema (all tables)."
    ),
    props={"baseId": app.definition("baseId")},
    read_only=True,
    trim=within("tables", table_summary),
)
async def list_tables(ctx):
    base = base_id(ctx.props.baseId)
    data = await request(ctx, "GET", f"/meta/bases/{base}/tables")
    data["tables"] = data.get("tables") or []
    ctx.summary = f"Found {plural(len(data['tables']), 'table')} in base {base}"
    return data
