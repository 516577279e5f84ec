from mcp_gateway.catalog import ActionError, props

from ..app import app, describe, get_object, object_type, property_names, record_summary


@app.action(
    "get-record",
    title="Get Record",
    description=(
        "Get one HubSpot record of any type (a product, line item, quote, call, meeting, custom object record...) "
        "by its ID or by a unique property such as a contact's `email`, with the properties asked for and the IDs "
        "of the records it is linked to. Contacts, companies, deals and tickets have their own Get actions; for "
        "many IDs at once use Batch Read Records."
    ),
    props={
        "objectType": app.definition("objectType"),
        "objectId": app.definition("objectId", description=(
            "The record's numeric HubSpot ID, e.g. `512` (or the value of idProperty when that is given)."
        )),
        "idProperty": props.string(
            "ID Property",
            "Look the record up by this unique property instead of its ID, e.g. `email` for contacts or `hs_sku` "
            "for products set as unique.",
            optional=True,
        ),
        "properties": app.definition("properties"),
        "associations": props.string_list(
            "Associated Types",
            "Object types whose linked record IDs to include, e.g. `[\"contacts\", \"deals\"]`.",
            optional=True,
        ),
    },
    read_only=True,
    trim=record_summary,
)
async def get_record(ctx):
    kind = object_type(ctx.props.objectType)
    if not str(ctx.props.objectId).strip():
        raise ActionError("give the record's ID")
    record = await get_object(
        ctx, kind, ctx.props.objectId, properties=property_names(ctx, kind),
        associations=[object_type(a) for a in ctx.props.get("associations") or []],
        id_property=ctx.props.get("idProperty"),
    )
    ctx.summary = f"Got {describe(kind, record)}"
    return record
