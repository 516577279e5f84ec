from ..app import app, check_fields, record_id, record_summary, request, table_path


@app.action(
    "update-record",
    title="Update Record",
    description=(
        "Change some fields of an Airtable record. Only the fields given change; the others keep their values. To "
        "clear a field, set it to null. For up to 10 records in one call use airtable_oauth-update-multiple-records. "
        "Returns the record with all its fields."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "recordId": app.definition("recordId"),
        "fields": app.definition("fields", description=(
            "The fields to change, keyed by field name (or ID), e.g. `{\"Status\": \"Done\", \"Notes\": null}`. "
            "Fields left out keep their values."
        )),
        "typecast": app.definition("typecast"),
    },
    destructive=True,
    idempotent=True,
    trim=record_summary,
)
async def update_record(ctx):
    body = {"fields": check_fields(ctx.props.fields)}
    if ctx.props.get("typecast"):
        body["typecast"] = True
    path = table_path(ctx.props.baseId, ctx.props.tableId, record_id(ctx.props.recordId))
    record = await request(ctx, "PATCH", path, json=body)
    ctx.summary = f"Updated {', '.join(body['fields'])} of record {record.get('id')}"
    return record
