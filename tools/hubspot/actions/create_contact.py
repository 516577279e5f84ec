from mcp_gateway.catalog import ActionError

from ..app import CONTACT_FIELDS, app, contact_props, create_and_link, properties_from, record_summary


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Create a contact in HubSpot from an email address and/or name, phone, job title and any other contact "
        "properties, optionally linked to existing companies and deals. Fails with a CONFLICT error when a contact "
        "with that email already exists (use hubspot-update-contact then). Returns the new contact's ID."
    ),
    props=contact_props(),
    trim=record_summary,
)
async def create_contact(ctx):
    properties = properties_from(ctx, CONTACT_FIELDS)
    if not any(properties.get(k) for k in ("email", "firstname", "lastname")):
        raise ActionError("a new contact needs an email address or a name")
    result, ctx.summary = await create_and_link(ctx, "contacts", properties)
    return result
