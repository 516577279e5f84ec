from mcp_gateway.catalog import props

from ..app import CONTACT_FIELDS, app, contact_props, properties_from, record_summary, update_and_link


@app.action(
    "update-contact",
    title="Update Contact",
    description=(
        "Change properties of an existing HubSpot contact (email, name, phone, lifecycle stage, owner or any other "
        "property), and optionally link it to companies or deals. Properties left empty keep their values; given "
        "ones replace them. Returns the updated contact."
    ),
    props={
        "contactId": props.string(
            "Contact ID", "The contact's numeric HubSpot ID, e.g. `51`; hubspot-search-crm finds it from an email or name.",
        ),
        **contact_props(),
    },
    destructive=True,
    idempotent=True,
    trim=record_summary,
)
async def update_contact(ctx):
    result, ctx.summary = await update_and_link(ctx, "contacts", ctx.props.contactId, properties_from(ctx, CONTACT_FIELDS))
    return result
