from mcp_gateway.catalog import props

from ..app import app, create_record, created_summary, extra_fields, set_if, sf_id


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Create a contact in Salesforce, optionally under an account: name, email, phone, title and any other "
        "fields. Returns the new contact's ID and link. Check first with salesforce_rest_api-search-records that the "
        "person is not there yet; for a prospect not yet qualified use salesforce_rest_api-create-lead."
    ),
    props={
        "lastName": props.string("Last Name", "The contact's last name, e.g. `Lovelace`."),
        "firstName": props.string("First Name", "The contact's first name, e.g. `Ada`.", optional=True),
        "email": props.string("Email", "The contact's email address, e.g. `ada@example.com`.", optional=True),
        "phone": props.string("Phone", "The contact's phone number.", optional=True),
        "title": props.string("Title", "The contact's job title, e.g. `CTO`.", optional=True),
        "accountId": app.definition("accountId", description=(
            "The account the contact works for (`001...`). The choices list recently changed accounts; type to "
            "search by name."
        )),
        "description": props.string("Description", "Notes about the contact.", optional=True),
        "additionalFields": app.definition("additionalFields"),
    },
    trim=created_summary,
)
async def create_contact(ctx):
    fields = {"LastName": ctx.props.lastName}
    for prop, field in (("firstName", "FirstName"), ("email", "Email"), ("phone", "Phone"), ("title", "Title"),
                        ("description", "Description")):
        set_if(fields, field, ctx.props.get(prop))
    if ctx.props.get("accountId"):
        fields["AccountId"] = sf_id(ctx.props.accountId, "accountId")
    extra_fields(ctx, fields)
    created = await create_record(ctx, "Contact", fields)
    contact_id = created["id"]
    name = " ".join(p for p in (ctx.props.get("firstName"), ctx.props.lastName) if p)
    ctx.summary = f"Created contact {contact_id} ({name})"
    return created
