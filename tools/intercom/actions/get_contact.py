from ..app import api, app, contact_summary


@app.action(
    "get-contact",
    title="Get Contact",
    description=(
        "Read one Intercom contact (user or lead) by ID: name, email, phone, role, owner, custom attributes and when "
        "they were last seen. To find a contact by email use intercom-search-contacts."
    ),
    props={"contactId": app.definition("contactId")},
    read_only=True,
    trim=contact_summary,
)
async def get_contact(ctx):
    contact = await api(ctx, "GET", f"/contacts/{ctx.props.contactId}")
    ctx.summary = f"Read the contact {contact.get('name') or contact.get('email') or contact.get('id')}"
    return contact
