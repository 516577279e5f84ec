from ..app import api, app, person_name


@app.action(
    "delete-contact",
    title="Delete Contact",
    description=(
        "Delete a contact from the user's Google Contacts. To change it instead, use google_contacts-update-contact."
    ),
    props={"resourceName": app.definition("resourceName")},
    destructive=True,
    idempotent=True,
)
async def delete_contact(ctx):
    resource = person_name(ctx.props.resourceName)
    await api(ctx, "DELETE", f"/{resource}:deleteContact")
    ctx.summary = f"Deleted the contact {resource}"
    return {"resource_name": resource, "deleted": True}
