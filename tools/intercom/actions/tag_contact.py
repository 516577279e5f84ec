from ..app import api, app


@app.action(
    "tag-contact",
    title="Tag Contact",
    description=(
        "Put an existing Intercom tag on a contact, e.g. `VIP`, to segment or route them. The tag must exist; choose "
        "it from the tagId options."
    ),
    props={"contactId": app.definition("contactId"), "tagId": app.definition("tagId")},
    idempotent=True,
)
async def tag_contact(ctx):
    tag = await api(ctx, "POST", f"/contacts/{ctx.props.contactId}/tags", json={"id": str(ctx.props.tagId)})
    ctx.summary = f"Tagged the contact {tag.get('name')!r}"
    return {"contact_id": ctx.props.contactId, "tag": {"id": tag.get("id"), "name": tag.get("name")}}
