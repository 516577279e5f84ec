from mcp_gateway.catalog import ActionError, props

from ..app import api, app, contact_summary


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Add a contact (a customer) to Front with their email addresses and phone numbers, so their conversations "
        "show who they are. Front refuses a handle another contact already has. Returns the contact's ID."
    ),
    props={
        "name": props.string("Name", "The contact's name, e.g. `Ada Lovelace`.", optional=True),
        "emails": props.string_list("Emails", "Email addresses, e.g. `ada@example.com`.", optional=True),
        "phones": props.string_list("Phones", "Phone numbers in international form, e.g. `+14155550100`.", optional=True),
        "description": props.string("Description", "A short note about the contact.", optional=True),
    },
    trim=contact_summary,
)
async def create_contact(ctx):
    handles = [{"handle": e, "source": "email"} for e in ctx.props.get("emails") or []]
    handles += [{"handle": p, "source": "phone"} for p in ctx.props.get("phones") or []]
    if not handles:
        raise ActionError("a Front contact needs at least one email address or phone number")
    body = {"handles": handles}
    for name, field in (("name", "name"), ("description", "description")):
        if ctx.props.get(name):
            body[field] = ctx.props[name]
    contact = await api(ctx, "POST", "/contacts", json=body)
    ctx.summary = f"Added the contact {contact.get('name') or handles[0]['handle']} ({contact.get('id')})"
    return contact
