from mcp_gateway.catalog import ActionError, props

from ..app import app, describe, get_object, property_names, record_summary


@app.action(
    "get-contact",
    title="Get Contact",
    description=(
        "Get one HubSpot contact by its ID or by email address: its properties and the IDs of the companies and "
        "deals it is linked to. To find contacts by name or other properties use Search CRM."
    ),
    props={
        "contactId": props.string("Contact ID", "The contact's numeric HubSpot ID, e.g. `51` (hubspot-search-crm finds it; the last "
                                   "number of the contact's page URL). Or give email instead.", optional=True),
        "email": props.string("Email", "The contact's email address, e.g. `ada@example.com`, to look it up by.", optional=True),
        "properties": app.definition("properties"),
    },
    read_only=True,
    trim=record_summary,
)
async def get_contact(ctx):
    contact_id, email = ctx.props.get("contactId"), ctx.props.get("email")
    if bool(contact_id) == bool(email):
        raise ActionError("give either contactId or email")
    record = await get_object(
        ctx, "contacts", contact_id or email, properties=property_names(ctx, "contacts"),
        associations=["companies", "deals"], id_property=None if contact_id else "email",
    )
    ctx.summary = f"Got {describe('contacts', record)}"
    return record
