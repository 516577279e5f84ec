from ..app import app, graph, seg


@app.action(
    "delete-message",
    title="Delete Email",
    description=(
        "Delete an email from the connected user's mailbox. It leaves the mailbox's folders; Outlook's Recover "
        "Deleted Items can bring it back for a limited time. To keep it visible in Deleted Items or to archive "
        "it, use microsoft_outlook-move-message with `deleteditems` or `archive` instead."
    ),
    props={"messageId": app.definition("messageId")},
    destructive=True,
    idempotent=True,
)
async def delete_message(ctx):
    await graph(ctx, "DELETE", f"/me/messages/{seg(ctx.props.messageId)}")
    ctx.summary = f"Deleted message {ctx.props.messageId[:24]}..."
    return {"deleted": True, "messageId": ctx.props.messageId}
