from ..app import app, base_tables, field_summary, find_table, plural


def _fields_of(table):
    fields = [{**field_summary(f), "primary": f.get("id") == table.get("primaryFieldId")} for f in table.get("fields") or []]
    return {"table": {"id": table.get("id"), "name": table.get("name")}, "fields": fields}


@app.action(
    "list-fields",
    title="List Fields",
    description=(
        "List the fields (columns) of an Airtable table: each field's ID, exact name, type (singleLineText, number, "
        "singleSelect, multipleRecordLinks...) and, for select fields, the allowed options. Check it before creating "
        "or updating records so the field names and values fit. For all tables at once use "
        "airtable_oauth-get-base-schema; to add a field, airtable_oauth-create-field."
    ),
    props={"baseId": app.definition("baseId"), "tableId": app.definition("tableId")},
    read_only=True,
    trim=_fields_of,
)
async def list_fields(ctx):
    table = find_table(await base_tables(ctx, ctx.props.baseId), ctx.props.tableId)
    ctx.summary = f"Found {plural(len(table.get('fields') or []), 'field')} in table {table.get('name')}"
    return table
