from ..app import api, app, seg


@app.action(
    "trash-email",
    title="Move Email to Trash",
    description=(
        "Move a Gmail email to the Trash. Gmail deletes it for good after 30 days; until then it can be restored by "
        "removing the `TRASH` label. Returns the email's labels afterwards."
    ),
    props={"messageId": app.definition("messageId")},
    destructive=True,
    idempotent=True,
)
async def trash_email(ctx):
    message = await api(ctx, "POST", f"/messages/{seg(ctx.props.messageId)}/trash")
    ctx.summary = f"Moved email {ctx.props.messageId} to the Trash"
    return {"id": message.get("id"), "threadId": message.get("threadId"), "labelIds": message.get("labelIds") or []}
