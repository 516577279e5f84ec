from ..app import app, label, object_type, property_options, property_summary, request


@app.action(
    "get-property",
    title="Get Property",
    description=(
        "Get one HubSpot property's definition by its internal name: label, type, field type, group, description "
        "and, for select properties, every option's label and internal value (the value that create and update "
        "actions take). To find a property's name use List Properties."
    ),
    props={
        "objectType": app.definition("objectType"),
        "propertyName": app.definition("objectId", label="Property Name", options=property_options, description=(
            "The property's internal name, e.g. `lifecyclestage` or `hs_lead_status` (not its label). The choices "
            "list the object type's properties."
        )),
    },
    read_only=True,
    trim=property_summary,
)
async def get_property(ctx):
    kind = object_type(ctx.props.objectType)
    name = str(ctx.props.propertyName).strip()
    prop = await request(ctx, "GET", f"/crm/v3/properties/{kind}/{name}")
    ctx.summary = f"Got {label(kind)} property {prop.get('name')} ({prop.get('label')}, {prop.get('type')})"
    return prop
