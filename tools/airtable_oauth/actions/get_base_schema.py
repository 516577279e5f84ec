from mcp_gateway.catalog import within

from ..app import app, base_id, plural, request, table_schema


@app.action(
    "get-base-schema",
    title="Get Base Schema",
    description=(
        "Get the whole schema of an Airtable base in one call: every table with its primary field, views, and "
        "every field's ID, name, type, select choices and linked table. Use it before writing to several tables; "
        "for a quick outline use airtable_oauth-list-tables, for one table airtable_oauth-list-fields."
    ),
    props={"baseId": app.definition("baseId")},
    read_only=True,
    trim=within("tables", table_schema),
)
async def get_base_schema(ctx):
    base = base_id(ctx.props.baseId)
    data = await request(ctx, "GET", f"/meta/bases/{base}/tables")
    data["tables"] = data.get("tables") or []
    fields = sum(len(t.get("fields") or []) for t in data["tables"])
    ctx.summary = f"Read the schema of base {base}: {plural(len(data['tables']), 'table')}, {plural(fields, 'field')}"
    return data
