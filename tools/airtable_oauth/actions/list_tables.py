from ..app import app, base_id, base_tables


@app.action(
    "list-tables",
    title="List Tables",
    description=(
        "List the tables of an Airtable base: each table's ID (`tbl...`), name, description, primary field, field "
        "names and views. Use airtable_oauth-list-fields for one table's field types and select options."
    ),
    props={"baseId": app.definition("baseId")},
    read_only=True,
)
async def list_tables(ctx):
    tables = await base_tables(ctx, ctx.props.baseId)
    out = []
    for table in tables:
        fields = table.get("fields") or []
        primary = next((f.get("name") for f in fields if f.get("id") == table.get("primaryFieldId")), None)
        out.append({
            "id": table.get("id"),
            "name": table.get("name"),
            "description": table.get("description"),
            "primaryField": primary,
            "fields": [f.get("name") for f in fields],
            "views": [{"id": v.get("id"), "name": v.get("name"), "type": v.get("type")} for v in table.get("views") or []],
        })
    ctx.summary = f"Found {len(out)} table{'' if len(out) == 1 else 's'} in base {base_id(ctx.props.baseId)}"
    return {"tables": out}
