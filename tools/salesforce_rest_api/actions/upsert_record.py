from urllib.parse import quote

from mcp_gateway.catalog import ActionError, props

from ..app import app, check_fields, instance_url, record_path, record_url, request, sobject_type


def upsert_summary(answer):
    return {k: answer.get(k) for k in ("id", "created", "sobjectType", "url")}


@app.action(
    "upsert-record",
    title="Upsert Record by External ID",
    description=(
        "Create or update a Salesforce record by an external ID field (a field marked External ID, e.g. "
        "`Customer_Number__c`, or `Id`): when a record has that value it is updated, otherwise a new one is made "
        "with it. Use it to sync records from another system without looking them up first. Returns the record's "
        "ID and whether it was created. salesforce_rest_api-describe-sobject shows which fields are external IDs; "
        "to change a record you have the ID of, use salesforce_rest_api-update-record."
    ),
    props={
        "sobjectType": app.definition("sobjectType"),
        "externalIdField": props.string(
            "External ID Field", "The API name of the external ID field to match on, e.g. `Customer_Number__c`."
        ),
        "externalId": props.string("External ID", "The value to match, e.g. `CUST-00042`."),
        "fields": app.definition("fields", description=(
            "The field values to set, keyed by API name, e.g. `{\"Name\": \"Acme\", \"Phone\": \"+1 415 555 0100\"}`. "
            "Leave the external ID field itself out; it comes from externalId."
        )),
    },
    idempotent=True,
    trim=upsert_summary,
)
async def upsert_record(ctx):
    name = sobject_type(ctx.props.sobjectType)
    field = sobject_type(ctx.props.externalIdField)
    value = str(ctx.props.externalId).strip()
    if not value:
        raise ActionError("externalId is empty; give the value to match, e.g. `CUST-00042`")
    fields = check_fields(ctx.props.fields)
    if field in fields:
        raise ActionError(f"leave {field} out of fields; its value comes from externalId")
    path = f"{record_path(name)}/{quote(field)}/{quote(value, safe='')}"
    answer = await request(ctx, "PATCH", path, json=fields)
    # API versions before 46.0 answer an update with 204 and no body.
    record_id = answer.get("id")
    created = bool(answer.get("created"))
    ctx.summary = f"{'Created' if created else 'Updated'} {name} with {field} = {value}" + (f" ({record_id})" if record_id else "")
    url = record_url(await instance_url(ctx), record_id) if record_id else None
    return {**answer, "created": created, "sobjectType": name, "url": url}
