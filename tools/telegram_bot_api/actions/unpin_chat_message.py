from ..app import app, call, chat_ref


@app.action(
    "unpin-chat-message",
    title="Unpin Message",
    description=(
        "Unpin a pinned message in a chat, or the most recently pinned one when no message ID is given. In groups "
        "and channels the bot must be an admin allowed to pin. To pin one, use telegram_bot_api-pin-chat-message; "
        "telegram_bot_api-get-chat shows the pinned message."
    ),
    props={
        "chatId": app.definition("chatId"),
        "messageId": app.definition("messageId", optional=True, description=(
            "The ID of the pinned message to unpin, e.g. `42`. Leave empty to unpin the most recent pinned message."
        )),
    },
    idempotent=True,
)
async def unpin_chat_message(ctx):
    body = {"chat_id": chat_ref(ctx.props.chatId)}
    if ctx.props.get("messageId"):
        body["message_id"] = ctx.props.messageId
    await call(ctx, "unpinChatMessage", body)
    which = f"message {ctx.props.messageId}" if ctx.props.get("messageId") else "the latest pinned message"
    ctx.summary = f"Unpinned {which} in chat {ctx.props.chatId}"
    return {"chat_id": ctx.props.chatId, "message_id": ctx.props.get("messageId"), "unpinned": True}
