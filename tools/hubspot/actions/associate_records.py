from mcp_gateway.catalog import ActionError, props

from ..app import OBJECT_LABELS, OBJECT_TYPES, app, associate_default, object_type, record_id


@app.action(
    "associate-records",
    title="Associate Records",
    description=(
        "Link two HubSpot records with the default association, e.g. a contact with its company or a deal with a "
        "contact. Linking twice does no harm. Returns the association created in each direction."
    ),
    props={
        "fromObjectType": props.string("From Type", "`contacts`, `companies` or `deals`.", options=OBJECT_TYPES),
        "fromObjectId": props.string("From ID", "The numeric ID of the first record, e.g. `51`."),
        "toObjectType": props.string("To Type", "`contacts`, `companies` or `deals`.", options=OBJECT_TYPES),
        "toObjectId": props.string("To ID", "The numeric ID of the record to link it to, e.g. `9001`."),
    },
    idempotent=True,
)
async def associate_records(ctx):
    from_kind, to_kind = object_type(ctx.props.fromObjectType), object_type(ctx.props.toObjectType)
    from_id = record_id(ctx.props.fromObjectId, OBJECT_LABELS[from_kind])
    to_id = record_id(ctx.props.toObjectId, OBJECT_LABELS[to_kind])
    if from_kind == to_kind and from_id == to_id:
        raise ActionError("a record cannot be associated with itself")
    data = await associate_default(ctx, from_kind, from_id, to_kind, to_id)
    results = [
        {"from": (r.get("from") or {}).get("id"), "to": (r.get("to") or {}).get("id"),
         "associationTypeId": (r.get("associationSpec") or {}).get("associationTypeId"),
         "category": (r.get("associationSpec") or {}).get("associationCategory")}
        for r in data.get("results") or []
    ]
    ctx.summary = f"Associated {OBJECT_LABELS[from_kind]} {from_id} with {OBJECT_LABELS[to_kind]} {to_id}"
    return {"status": data.get("status"), "associations": results}
