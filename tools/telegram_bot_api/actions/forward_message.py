from ..app import app, call, chat_ref, message_summary, messages_in


@app.action(
    "forward-message",
    title="Forward Message",
    description=(
        "Forward a message from one chat to another, showing where it came from. The bot must be able to see "
        "the original message. Returns the new message. "
        "To send a copy without the link to the original, use telegram_bot_api-copy-message."
    ),
    props={
        "chatId": app.definition("chatId", description=(
            "The chat to forward to: an ID such as `123456789` or `-1001234567890`, or a channel's `@username`. "
            "The choices list chats with recent updates."
        )),
        "fromChatId": app.definition("chatId", label="From Chat", description=(
            "The chat the original message is in: an ID such as `-1001234567890` or a channel's `@username`."
        )),
        "messageId": app.definition("messageId", options=messages_in("fromChatId"), description="The ID of the message to forward, in the source chat."),
        "disableNotification": app.definition("disableNotification"),
    },
    trim=message_summary,
)
async def forward_message(ctx):
    body = {
        "chat_id": chat_ref(ctx.props.chatId),
        "from_chat_id": chat_ref(ctx.props.fromChatId),
        "message_id": ctx.props.messageId,
    }
    if ctx.props.get("disableNotification") is not None:
        body["disable_notification"] = ctx.props.disableNotification
    message = await call(ctx, "forwardMessage", body)
    ctx.summary = (
        f"Forwarded message {ctx.props.messageId} from chat {ctx.props.fromChatId} to chat "
        f"{message.get('chat', {}).get('id')} (message {message.get('message_id')})"
    )
    return message
