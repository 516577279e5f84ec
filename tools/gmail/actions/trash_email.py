from ..app import api, app, message_ref, seg


@app.action(
    "trash-email",
    title="Move Email to Trash",
    description=(
        "Move a Gmail email to the Trash. Gmail deletes it for good after 30 days; until then it can be restored with "
        "gmail-untrash-email. Returns the email's labels afterwards."
    ),
    props={"messageId": app.definition("messageId")},
    destructive=True,
    idempotent=True,
    trim=message_ref,
)
async def trash_email(ctx):
    message = await api(ctx, "POST", f"/messages/{seg(ctx.props.messageId)}/trash")
    ctx.summary = f"Moved email {ctx.props.messageId} to the Trash"
    return message
