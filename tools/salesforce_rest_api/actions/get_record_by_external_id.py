from urllib.parse import quote

from mcp_gateway.catalog import ActionError, props

from ..app import app, clean_record, record_path, request, sobject_type


@app.action(
    "get-record-by-external-id",
    title="Get Record by External ID",
    description=(
        "Get one Salesforce record by the value of an external ID field (e.g. `Customer_Number__c = CUST-00042`), "
        "with all its fields or only the ones named. For a record you have the Salesforce ID of use "
        "salesforce_rest_api-get-record; to match on any other field, salesforce_rest_api-soql-query."
    ),
    props={
        "sobjectType": app.definition("sobjectType"),
        "externalIdField": props.string(
            "External ID Field", "The API name of the external ID field, e.g. `Customer_Number__c`."
        ),
        "externalId": props.string("External ID", "The value to look up, e.g. `CUST-00042`."),
        "fields": props.string_list(
            "Only Fields", "API names of the fields to return, e.g. `[\"Name\", \"Phone\"]`. Leave empty for all.",
            optional=True,
        ),
    },
    read_only=True,
    trim=clean_record,
)
async def get_record_by_external_id(ctx):
    name, field = sobject_type(ctx.props.sobjectType), sobject_type(ctx.props.externalIdField)
    value = str(ctx.props.externalId).strip()
    if not value:
        raise ActionError("externalId is empty; give the value to look up")
    wanted = [f for f in ctx.props.get("fields") or [] if f]
    params = {"fields": ",".join(wanted)} if wanted else None
    record = await request(ctx, "GET", f"{record_path(name)}/{quote(field)}/{quote(value, safe='')}", params=params)
    ctx.summary = f"Got {name} {record.get('Id')} by {field} = {value}"
    return record
