from ..app import api, app, record_result, write_summary


@app.action(
    "delete-record",
    title="Delete Record",
    description=(
        "Delete one Zoho CRM record. It goes to the recycle bin, where an admin can restore it for 60 days. To "
        "close a deal or mark a lead instead, change its stage or status with zoho_crm-update-record."
    ),
    props={"module": app.definition("module"), "recordId": app.definition("recordId")},
    destructive=True,
    idempotent=True,
    trim=write_summary,
)
async def delete_record(ctx):
    path = f"/{ctx.props.module}/{ctx.props.recordId}"
    entry = record_result("DELETE", path, await api(ctx, "DELETE", path))
    ctx.summary = f"Deleted the {ctx.props.module} record {ctx.props.recordId}"
    return entry
