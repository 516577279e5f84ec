from ..app import app, request, seg


@app.action(
    "delete-label",
    title="Delete Label",
    description=(
        "Delete a label the user created from the connected Gmail mailbox. The emails that carried it stay, without "
        "the label. System labels cannot be deleted. To only take it off some emails, use "
        "gmail-remove-label-from-email."
    ),
    props={"labelId": app.definition("labelId")},
    destructive=True,
    idempotent=True,
)
async def delete_label(ctx):
    await request(ctx, "DELETE", f"/labels/{seg(ctx.props.labelId)}")
    ctx.summary = f"Deleted label {ctx.props.labelId}"
    return {"deleted": True, "id": ctx.props.labelId}
