from mcp_gateway.catalog import ActionError, props

from ..app import CONTACT_FIELDS, api, app, contact_body, contact_summary


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Add a contact to Intercom: a `user` (someone signed up, with an email or your own external ID) or a `lead`. "
        "Intercom refuses a second contact with the same email or external ID; find the existing one with "
        "intercom-search-contacts and change it with intercom-update-contact. Returns the new contact's ID."
    ),
    props={
        "role": props.string("Role", "`user` (the default) or `lead`.", options=["user", "lead"], optional=True),
        **CONTACT_FIELDS,
    },
    trim=contact_summary,
)
async def create_contact(ctx):
    body = contact_body(ctx)
    if ctx.props.get("role"):
        body["role"] = ctx.props.role
    if not (body.get("email") or body.get("external_id") or body.get("role") == "lead"):
        raise ActionError("give the contact an email or an externalId (or make it a `lead`)")
    contact = await api(ctx, "POST", "/contacts", json=body)
    ctx.summary = f"Created the {contact.get('role') or 'contact'} {contact.get('email') or contact.get('id')}"
    return contact
