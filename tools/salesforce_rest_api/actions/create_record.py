from ..app import app, create_record as create, created_summary, sobject_type


@app.action(
    "create-record",
    title="Create Record",
    description=(
        "Create a Salesforce record of any sObject type (Account, Case, Campaign, a custom object...) from field "
        "values. Returns the new record's ID and link. For accounts, contacts, leads, opportunities, cases, notes, "
        "tasks and events the dedicated tools are simpler; to create-or-update by an external ID use "
        "salesforce_rest_api-upsert-record; salesforce_rest_api-describe-sobject lists the fields."
    ),
    props={"sobjectType": app.definition("sobjectType"), "fields": app.definition("fields")},
    trim=created_summary,
)
async def create_record(ctx):
    name = sobject_type(ctx.props.sobjectType)
    created = await create(ctx, name, ctx.props.fields)
    ctx.summary = f"Created {name} {created['id']}"
    return created
