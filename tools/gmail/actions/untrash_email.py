from ..app import api, app, message_ref, seg


@app.action(
    "untrash-email",
    title="Restore Email from Trash",
    description=(
        "Take a Gmail email back out of the Trash (undoing gmail-trash-email), returning it to where it was, e.g. the "
        "inbox. Works for 30 days after trashing. Find "
        "trashed emails with gmail-find-email and `q` `in:trash`. Returns the email's labels afterwards."
    ),
    props={"messageId": app.definition("messageId", description=(
        "The Gmail ID of the trashed email, e.g. `18f2a3b4c5d6e7f8`, as returned by gmail-find-email with `in:trash`."
    ))},
    idempotent=True,
    trim=message_ref,
)
async def untrash_email(ctx):
    message = await api(ctx, "POST", f"/messages/{seg(ctx.props.messageId)}/untrash")
    ctx.summary = f"Restored email {ctx.props.messageId} from the Trash"
    return message
