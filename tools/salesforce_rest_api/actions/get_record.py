from mcp_gateway.catalog import props

from ..app import app, clean_record, record_path, request, sobject_type


@app.action(
    "get-record",
    title="Get Record",
    description=(
        "Get one Salesforce record by sObject type and ID, with all its fields or only the ones named. To find "
        "records by their values use salesforce_rest_api-soql-query or -search-records; to read one by an external "
        "ID, salesforce_rest_api-get-record-by-external-id."
    ),
    props={
        "sobjectType": app.definition("sobjectType"),
        "recordId": app.definition("recordId"),
        "fields": props.string_list(
            "Only Fields", "API names of the fields to return, e.g. `[\"Name\", \"Phone\", \"Owner.Name\"]`. Leave empty for all.",
            optional=True,
        ),
    },
    read_only=True,
    trim=clean_record,
)
async def get_record(ctx):
    wanted = [f for f in ctx.props.get("fields") or [] if f]
    params = {"fields": ",".join(wanted)} if wanted else None
    record = await request(ctx, "GET", record_path(ctx.props.sobjectType, ctx.props.recordId), params=params)
    name = record.get("Name")
    ctx.summary = f"Got {sobject_type(ctx.props.sobjectType)} {record.get('Id') or ctx.props.recordId}" + (f" ({name})" if name else "")
    return record
