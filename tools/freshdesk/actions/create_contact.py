from mcp_gateway.catalog import ActionError, props

from ..app import api, app, contact_summary


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Add a contact (a customer) to Freshdesk with a name and at least one of email, phone or mobile. Freshdesk "
        "refuses an email or phone another contact has; find that one with freshdesk-list-contacts. Returns the new "
        "contact's ID."
    ),
    props={
        "name": props.string("Name", "The contact's full name."),
        "email": props.string("Email", "Their primary email address.", optional=True),
        "phone": props.string("Phone", "Their phone number.", optional=True),
        "mobile": props.string("Mobile", "Their mobile number.", optional=True),
        "companyId": app.definition("companyId", description="The company they belong to (its ID)."),
        "jobTitle": props.string("Job Title", "Their job title.", optional=True),
        "description": props.string("Description", "Notes about the contact.", optional=True),
        "tags": props.string_list("Tags", "Tags to put on the contact.", optional=True),
        "customFields": props.obj("Custom Fields", "Values of the helpdesk's custom contact fields by API name.",
                                  optional=True),
    },
    trim=contact_summary,
)
async def create_contact(ctx):
    if not any(ctx.props.get(name) for name in ("email", "phone", "mobile")):
        raise ActionError("give the contact an email, phone or mobile number; Freshdesk needs one of them")
    body = {"name": ctx.props.name}
    for name, field in (("email", "email"), ("phone", "phone"), ("mobile", "mobile"), ("companyId", "company_id"),
                        ("jobTitle", "job_title"), ("description", "description"), ("tags", "tags"),
                        ("customFields", "custom_fields")):
        if ctx.props.get(name) not in (None, "", [], {}):
            body[field] = ctx.props[name]
    contact = await api(ctx, "POST", "/contacts", json=body)
    ctx.summary = f"Added the contact {contact.get('name')!r} (#{contact.get('id')})"
    return contact
