from ..app import app, create_record as create, instance_url, record_url, sobject_type


@app.action(
    "create-record",
    title="Create Record",
    description=(
        "Create a Salesforce record of any sObject type (Account, Case, Campaign, a custom object...) from field "
        "values. Returns the new record's ID and link. For leads, contacts, opportunities, notes and tasks the "
        "dedicated tools are simpler."
    ),
    props={"sobjectType": app.definition("sobjectType"), "fields": app.definition("fields")},
)
async def create_record(ctx):
    name = sobject_type(ctx.props.sobjectType)
    record_id = await create(ctx, name, ctx.props.fields)
    ctx.summary = f"Created {name} {record_id}"
    return {"id": record_id, "sobjectType": name, "url": record_url(await instance_url(ctx), record_id)}
