from ..app import app, call, chat_ref


@app.action(
    "pin-chat-message",
    title="Pin Message",
    description=(
        "Pin a message in a chat. In groups and channels the bot must be an admin allowed to pin; by default "
        "members are notified. "
        "To unpin it, use telegram_bot_api-unpin-chat-message."
    ),
    props={
        "chatId": app.definition("chatId"),
        "messageId": app.definition("messageId"),
        "disableNotification": app.definition("disableNotification", description=(
            "`true` pins without notifying the chat's members."
        )),
    },
    idempotent=True,
)
async def pin_chat_message(ctx):
    body = {"chat_id": chat_ref(ctx.props.chatId), "message_id": ctx.props.messageId}
    if ctx.props.get("disableNotification") is not None:
        body["disable_notification"] = ctx.props.disableNotification
    await call(ctx, "pinChatMessage", body)
    ctx.summary = f"Pinned message {ctx.props.messageId} in chat {ctx.props.chatId}"
    return {"chat_id": ctx.props.chatId, "message_id": ctx.props.messageId, "pinned": True}
