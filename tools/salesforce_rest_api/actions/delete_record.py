from ..app import app, record_path, request, sf_id, sobject_type


@app.action(
    "delete-record",
    title="Delete Record",
    description=(
        "Delete a Salesforce record by sObject type and ID. It goes to the org's Recycle Bin, where it can be "
        "restored for 15 days. To change a record instead use salesforce_rest_api-update-record."
    ),
    props={"sobjectType": app.definition("sobjectType"), "recordId": app.definition("recordId")},
    destructive=True,
    idempotent=True,
)
async def delete_record(ctx):
    await request(ctx, "DELETE", record_path(ctx.props.sobjectType, ctx.props.recordId))
    record_id = sf_id(ctx.props.recordId)
    ctx.summary = f"Deleted {sobject_type(ctx.props.sobjectType)} {record_id}"
    return {"id": record_id, "sobjectType": ctx.props.sobjectType, "deleted": True}
