from mcp_gateway.catalog import ActionError, props

from ..app import api, app, record_result, write_summary


@app.action(
    "create-record",
    title="Create Record",
    description=(
        "Create a record in a Zoho CRM module, e.g. a Lead (`Last_Name` and `Company` required) or a Contact "
        "(`Last_Name` required), with the workflow rules Zoho runs on new records. Search first with "
        "zoho_crm-search-records to avoid a duplicate; to change a record use zoho_crm-update-record. Returns the "
        "new record's ID."
    ),
    props={
        "module": app.definition("module"),
        "data": app.definition("recordData"),
        "runWorkflows": props.boolean("Run Workflows", "Run the module's workflow rules, approvals and blueprints on "
                                      "the new record (the default).", optional=True, default=True),
    },
    trim=write_summary,
)
async def create_record(ctx):
    if not ctx.props.data:
        raise ActionError("give the record's fields in data, e.g. {\"Last_Name\": \"Burns\"}")
    path = f"/{ctx.props.module}"
    body = {"data": [ctx.props.data]}
    if ctx.props.get("runWorkflows") is False:
        body["trigger"] = []
    entry = record_result("POST", path, await api(ctx, "POST", path, json=body))
    ctx.summary = f"Created the {ctx.props.module} record {(entry.get('details') or {}).get('id')}"
    return entry
