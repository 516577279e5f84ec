from mcp_gateway.catalog import ActionError

from ..app import api, app, record_result, write_summary


@app.action(
    "update-record",
    title="Update Record",
    description=(
        "Change fields of one Zoho CRM record; fields not given stay as they are. To add a remark to its timeline "
        "instead, use zoho_crm-create-note."
    ),
    props={
        "module": app.definition("module"),
        "recordId": app.definition("recordId"),
        "data": app.definition("recordData", description="Only the fields to change, by API name, e.g. "
                               "`{\"Lead_Status\": \"Contacted\", \"Phone\": \"+1 555 0100\"}`."),
    },
    idempotent=True,
    trim=write_summary,
)
async def update_record(ctx):
    if not ctx.props.data:
        raise ActionError("nothing to change: give the fields in data, e.g. {\"Lead_Status\": \"Contacted\"}")
    path = f"/{ctx.props.module}/{ctx.props.recordId}"
    entry = record_result("PUT", path, await api(ctx, "PUT", path, json={"data": [ctx.props.data]}))
    ctx.summary = f"Updated the {ctx.props.module} record {ctx.props.recordId}"
    return entry
