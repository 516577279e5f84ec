from mcp_gateway.catalog import ActionError, props

from ..app import CONTACT_FIELDS, api, app, contact_body, contact_summary


@app.action(
    "update-contact",
    title="Update Contact",
    description=(
        "Change an Intercom contact's name, email, phone, owner, custom attributes or role (turn a `lead` into a "
        "`user`). Fields left empty stay as they are; custom attributes given are set, others kept."
    ),
    props={
        "contactId": app.definition("contactId"),
        "role": props.string("Role", "`user` or `lead`.", options=["user", "lead"], optional=True),
        **CONTACT_FIELDS,
    },
    idempotent=True,
    trim=contact_summary,
)
async def update_contact(ctx):
    body = contact_body(ctx)
    if ctx.props.get("role"):
        body["role"] = ctx.props.role
    if not body:
        raise ActionError("nothing to change: give at least one field, e.g. name or customAttributes")
    contact = await api(ctx, "PUT", f"/contacts/{ctx.props.contactId}", json=body)
    ctx.summary = f"Updated the contact {contact.get('email') or contact.get('id')}"
    return contact
