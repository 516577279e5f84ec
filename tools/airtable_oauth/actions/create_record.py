from ..app import app, check_fields, record_summary, request, table_path


@app.action(
    "create-record",
    title="Create Record",
    description=(
        "Add one record (row) to an Airtable table with the given field values. Returns the new record's ID and "
        "fields. Use airtable_oauth-create-multiple-records for up to 10 at once, and airtable_oauth-upsert-records "
        "to update the record instead when one with the same key already exists."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "fields": app.definition("fields"),
        "typecast": app.definition("typecast"),
    },
    trim=record_summary,
)
async def create_record(ctx):
    body = {"records": [{"fields": check_fields(ctx.props.fields)}]}
    if ctx.props.get("typecast"):
        body["typecast"] = True
    data = await request(ctx, "POST", table_path(ctx.props.baseId, ctx.props.tableId), json=body)
    record = (data.get("records") or [{}])[0]
    ctx.summary = f"Created record {record.get('id')} in {ctx.props.tableId}"
    return record
