from ..app import app, label, object_type, record_id, request


@app.action(
    "archive-record",
    title="Archive Record",
    description=(
        "Archive (delete) a HubSpot record of any type by its ID: a contact, company, deal, ticket, product, line "
        "item, quote, note, task, call, email or meeting. It moves to the recycling bin, from where a user can "
        "restore it in HubSpot for 90 days. To only unlink two records use Remove Association."
    ),
    props={
        "objectType": app.definition("objectType"),
        "objectId": app.definition("objectId"),
    },
    destructive=True,
    idempotent=True,
)
async def archive_record(ctx):
    kind = object_type(ctx.props.objectType)
    object_id = record_id(ctx.props.objectId, label(kind))
    await request(ctx, "DELETE", f"/crm/v3/objects/{kind}/{object_id}")
    ctx.summary = f"Archived {label(kind)} {object_id}"
    return {"objectType": kind, "id": object_id, "archived": True}
