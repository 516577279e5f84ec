from ..app import api, app, contact_path


@app.action(
    "delete-contact",
    title="Delete Contact",
    description=(
        "Delete a Brevo contact for good, with their history. To only stop mailing them, block them with "
        "brevo-update-contact (`emailBlacklisted`) or take them off a list instead."
    ),
    props={"identifier": app.definition("identifier")},
    destructive=True,
    idempotent=True,
)
async def delete_contact(ctx):
    await api(ctx, "DELETE", contact_path(ctx.props.identifier))
    ctx.summary = f"Deleted the contact {ctx.props.identifier.strip()}"
    return {"identifier": ctx.props.identifier.strip(), "deleted": True}
