from ..app import app, base_tables, field_summary, find_table


@app.action(
    "list-fields",
    title="List Fields",
    description=(
        "List the fields (columns) of an Airtable table: each field's ID, exact name, type (singleLineText, number, "
        "singleSelect, multipleRecordLinks...) and, for select fields, the allowed options. Check it before creating "
        "or updating records so the field names and values fit."
    ),
    props={"baseId": app.definition("baseId"), "tableId": app.definition("tableId")},
    read_only=True,
)
async def list_fields(ctx):
    table = find_table(await base_tables(ctx, ctx.props.baseId), ctx.props.tableId)
    fields = [field_summary(f) for f in table.get("fields") or []]
    for field in fields:
        field["primary"] = field["id"] == table.get("primaryFieldId")
    ctx.summary = f"Found {len(fields)} field{'' if len(fields) == 1 else 's'} in table {table.get('name')}"
    return {"table": {"id": table.get("id"), "name": table.get("name")}, "fields": fields}
