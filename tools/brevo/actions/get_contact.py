from ..app import api, app, contact_path, contact_summary


@app.action(
    "get-contact",
    title="Get Contact",
    description=(
        "Read one Brevo contact by email address or contact ID: attributes (names, phone...), the lists they are in, "
        "and whether they are blocklisted for email or SMS. To find contacts, use brevo-list-contacts."
    ),
    props={"identifier": app.definition("identifier")},
    read_only=True,
    trim=contact_summary,
)
async def get_contact(ctx):
    contact = await api(ctx, "GET", contact_path(ctx.props.identifier))
    ctx.summary = f"Read the contact {contact.get('email') or contact.get('id')}"
    return contact
