from mcp_gateway.catalog import ActionError

from ..app import api, app, record_summary


@app.action(
    "get-record",
    title="Get Record",
    description=(
        "Read one Zoho CRM record with all its fields, by module and ID. To find a record's ID by a name, email or "
        "phone use zoho_crm-search-records."
    ),
    props={"module": app.definition("module"), "recordId": app.definition("recordId")},
    read_only=True,
    trim=record_summary,
)
async def get_record(ctx):
    records = (await api(ctx, "GET", f"/{ctx.props.module}/{ctx.props.recordId}")).get("data") or []
    if not records:
        raise ActionError(f"no {ctx.props.module} record has the ID {ctx.props.recordId}; find it with zoho_crm-search-records")
    ctx.summary = f"Read the {ctx.props.module} record {ctx.props.recordId}"
    return records[0]
