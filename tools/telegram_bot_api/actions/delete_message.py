from ..app import app, call, chat_ref


@app.action(
    "delete-message",
    title="Delete Message",
    description=(
        "Delete a message from a chat for everyone. The bot can delete its own messages (within 48 hours in "
        "groups) and, as an admin with the right, other people's. "
        "To correct a message instead, use telegram_bot_api-edit-message-text."
    ),
    props={"chatId": app.definition("chatId"), "messageId": app.definition("messageId")},
    destructive=True,
)
async def delete_message(ctx):
    await call(ctx, "deleteMessage", {"chat_id": chat_ref(ctx.props.chatId), "message_id": ctx.props.messageId})
    ctx.summary = f"Deleted message {ctx.props.messageId} from chat {ctx.props.chatId}"
    return {"chat_id": ctx.props.chatId, "message_id": ctx.props.messageId, "deleted": True}
