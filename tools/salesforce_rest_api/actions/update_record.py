from ..app import app, check_fields, record_path, request, sf_id, sobject_type


@app.action(
    "update-record",
    title="Update Record",
    description=(
        "Change fields of a Salesforce record. Only the fields given change; set one to null to clear it. Returns "
        "the record's ID and the fields changed. For opportunities salesforce_rest_api-update-opportunity is simpler; "
        "to create the record when it does not exist yet, use salesforce_rest_api-upsert-record."
    ),
    props={
        "sobjectType": app.definition("sobjectType"),
        "recordId": app.definition("recordId"),
        "fields": app.definition("fields", description=(
            "The fields to change, keyed by API name, e.g. `{\"StageName\": \"Closed Won\", \"Amount\": 25000}`. "
            "Fields left out keep their values."
        )),
    },
    destructive=True,
    idempotent=True,
)
async def update_record(ctx):
    fields = check_fields(ctx.props.fields)
    await request(ctx, "PATCH", record_path(ctx.props.sobjectType, ctx.props.recordId), json=fields)
    record_id = sf_id(ctx.props.recordId)
    ctx.summary = f"Updated {', '.join(fields)} of {sobject_type(ctx.props.sobjectType)} {record_id}"
    return {"id": record_id, "sobjectType": ctx.props.sobjectType, "updatedFields": list(fields)}
