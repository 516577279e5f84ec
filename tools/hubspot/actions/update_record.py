from mcp_gateway.catalog import ActionError, props

from ..app import app, describe, object_type, properties_from, record_summary, update_object


@app.action(
    "update-record",
    title="Update Record",
    description=(
        "Change properties of any HubSpot record by its type and ID, e.g. a product's price, a line item's "
        "quantity, a quote's expiration date or a custom object record. Properties not given keep their values. "
        "Contacts, companies, deals and tickets have their own Update actions with named fields."
    ),
    props={
        "objectType": app.definition("objectType"),
        "objectId": app.definition("objectId"),
        "properties": props.obj(
            "Properties",
            "The properties to set, by internal name, e.g. `{\"price\": \"549.00\", \"hs_sku\": \"PRO-2\"}`. An empty "
            "string clears a property. hubspot-list-properties lists the names.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=record_summary,
)
async def update_record(ctx):
    kind = object_type(ctx.props.objectType)
    properties = properties_from(ctx, {}, extra_name="properties")
    if not properties:
        raise ActionError("give at least one property to set, e.g. {\"price\": \"549.00\"}")
    record = await update_object(ctx, kind, ctx.props.objectId, properties)
    ctx.summary = f"Updated {', '.join(properties)} of {describe(kind, record)}"
    return record
