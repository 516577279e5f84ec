from mcp_gateway.catalog import ActionError, props

from ..app import app, associate_default, association_label_options, label, object_type, record_id, request


def association_result(data):
    """What a default or labeled association request made, in either answer shape."""
    if "results" in data:
        return {"status": data.get("status"), "associations": [
            {"from": (r.get("from") or {}).get("id"), "to": (r.get("to") or {}).get("id"),
             "associationTypeId": (r.get("associationSpec") or {}).get("associationTypeId"),
             "category": (r.get("associationSpec") or {}).get("associationCategory")}
            for r in data.get("results") or []
        ]}
    return {"from": data.get("fromObjectId"), "to": data.get("toObjectId"), "labels": data.get("labels") or []}


@app.action(
    "associate-records",
    title="Associate Records",
    description=(
        "Link two HubSpot records, e.g. a contact with its company, a deal with a contact, or a line item with a "
        "deal: with HubSpot's default association, or with a label such as `Decision maker` when "
        "associationTypeId is given. Linking twice does no harm. To see a record's links use List Associations; "
        "to unlink use Remove Association."
    ),
    props={
        "fromObjectType": app.definition("objectType", label="From Type", description=(
            "The first record's type: `contacts`, `companies`, `deals`, `tickets`, `line_items`, `quotes`..."
        )),
        "fromObjectId": app.definition("objectId", label="From ID", description=(
            "The numeric ID of the first record, e.g. `51` (search-crm or a create action returns it)."
        )),
        "toObjectType": app.definition("objectType", label="To Type", description=(
            "The type of the record to link it to: `contacts`, `companies`, `deals`, `tickets`..."
        )),
        "toObjectId": app.definition("objectId", label="To ID", description=(
            "The numeric ID of the record to link it to, e.g. `9001`."
        )),
        "associationTypeId": props.integer(
            "Association Label",
            "The type ID of a labeled association, e.g. `1` for a contact's primary company; leave empty for the "
            "default link. The choices (and hubspot-list-association-labels) list the labels between the two types.",
            options=association_label_options,
            optional=True,
        ),
        "associationCategory": props.string(
            "Label Category",
            "The category of that label: `HUBSPOT_DEFINED` (the default) or `USER_DEFINED` for the account's own "
            "labels, as hubspot-list-association-labels shows.",
            options=["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED"],
            optional=True,
        ),
    },
    idempotent=True,
    trim=association_result,
)
async def associate_records(ctx):
    from_kind, to_kind = object_type(ctx.props.fromObjectType), object_type(ctx.props.toObjectType)
    from_id = record_id(ctx.props.fromObjectId, label(from_kind))
    to_id = record_id(ctx.props.toObjectId, label(to_kind))
    if from_kind == to_kind and from_id == to_id:
        raise ActionError("a record cannot be associated with itself")
    type_id = ctx.props.get("associationTypeId")
    if type_id is None:
        data = await associate_default(ctx, from_kind, from_id, to_kind, to_id)
        how = ""
    else:
        spec = [{"associationCategory": ctx.props.get("associationCategory") or "HUBSPOT_DEFINED", "associationTypeId": type_id}]
        data = await request(ctx, "PUT", f"/crm/v4/objects/{from_kind}/{from_id}/associations/{to_kind}/{to_id}", json=spec)
        how = f" (association type {type_id})"
    ctx.summary = f"Associated {label(from_kind)} {from_id} with {label(to_kind)} {to_id}{how}"
    return data
