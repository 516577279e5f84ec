from urllib.parse import quote

from ..app import app, describe_summary, request, sobject_type


@app.action(
    "describe-sobject",
    title="Describe sObject",
    description=(
        "List the fields of a Salesforce sObject type (e.g. Lead): each field's API name, label, type, whether a new "
        "record needs it, whether it can be set, picklist values, what a lookup points to and which are external "
        "IDs (for salesforce_rest_api-upsert-record). Check it before creating or updating records, or writing "
        "SOQL. To find the type's API name use salesforce_rest_api-list-sobject-types."
    ),
    props={"sobjectType": app.definition("sobjectType")},
    read_only=True,
    trim=describe_summary,
)
async def describe_sobject(ctx):
    name = sobject_type(ctx.props.sobjectType)
    data = await request(ctx, "GET", f"sobjects/{quote(name)}/describe")
    ctx.summary = f"{data.get('label') or name} has {len(data.get('fields') or [])} fields"
    return data
