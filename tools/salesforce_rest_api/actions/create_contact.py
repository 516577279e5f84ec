from mcp_gateway.catalog import props

from ..app import app, create_record, extra_fields, instance_url, record_url, set_if, sf_id


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Create a contact in Salesforce, optionally under an account: name, email, phone, title and any other "
        "fields. Returns the new contact's ID and link."
    ),
    props={
        "lastName": props.string("Last Name", "The contact's last name, e.g. `Lovelace`."),
        "firstName": props.string("First Name", "The contact's first name, e.g. `Ada`.", optional=True),
        "email": props.string("Email", "The contact's email address, e.g. `ada@example.com`.", optional=True),
        "phone": props.string("Phone", "The contact's phone number.", optional=True),
        "title": props.string("Title", "The contact's job title, e.g. `CTO`.", optional=True),
        "accountId": props.string(
            "Account ID", "The ID of the account the contact works for (`001...`), found with a SOQL query on Account.",
            optional=True,
        ),
        "description": props.string("Description", "Notes about the contact.", optional=True),
        "additionalFields": app.definition("additionalFields"),
    },
)
async def create_contact(ctx):
    fields = {"LastName": ctx.props.lastName}
    for prop, field in (("firstName", "FirstName"), ("email", "Email"), ("phone", "Phone"), ("title", "Title"),
                        ("description", "Description")):
        set_if(fields, field, ctx.props.get(prop))
    if ctx.props.get("accountId"):
        fields["AccountId"] = sf_id(ctx.props.accountId, "accountId")
    extra_fields(ctx, fields)
    contact_id = await create_record(ctx, "Contact", fields)
    name = " ".join(p for p in (ctx.props.get("firstName"), ctx.props.lastName) if p)
    ctx.summary = f"Created contact {contact_id} ({name})"
    return {"id": contact_id, "sobjectType": "Contact", "url": record_url(await instance_url(ctx), contact_id)}
