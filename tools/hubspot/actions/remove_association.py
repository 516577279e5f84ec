from ..app import app, label, object_type, record_id, request


@app.action(
    "remove-association",
    title="Remove Association",
    description=(
        "Unlink two HubSpot records, e.g. take a contact off a deal: every association (labeled or not) between "
        "them is removed; both records stay. To link records use Associate Records; to delete a record use Archive "
        "Record."
    ),
    props={
        "fromObjectType": app.definition("objectType", label="From Type", description="The first record's type, e.g. `deals`."),
        "fromObjectId": app.definition("objectId", label="From ID", description="The first record's numeric ID, e.g. `1467822235`."),
        "toObjectType": app.definition("objectType", label="To Type", description="The linked record's type, e.g. `contacts`."),
        "toObjectId": app.definition("objectId", label="To ID", description=(
            "The linked record's numeric ID, e.g. `512` (List Associations shows the links)."
        )),
    },
    destructive=True,
    idempotent=True,
)
async def remove_association(ctx):
    from_kind, to_kind = object_type(ctx.props.fromObjectType), object_type(ctx.props.toObjectType)
    from_id = record_id(ctx.props.fromObjectId, label(from_kind))
    to_id = record_id(ctx.props.toObjectId, label(to_kind))
    await request(ctx, "DELETE", f"/crm/v4/objects/{from_kind}/{from_id}/associations/{to_kind}/{to_id}")
    ctx.summary = f"Removed the association of {label(from_kind)} {from_id} with {label(to_kind)} {to_id}"
    return {"from": {"type": from_kind, "id": from_id}, "to": {"type": to_kind, "id": to_id}, "removed": True}
