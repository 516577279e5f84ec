from mcp_gateway.catalog import props

from ..app import app, call, chat_ref, messages_in


@app.action(
    "copy-message",
    title="Copy Message",
    description=(
        "Send a copy of a message to another chat as the bot's own message, without the \"Forwarded from\" "
        "header, optionally with a new caption for media. Polls and some service messages cannot be copied. "
        "Returns the new message's `message_id`. To show where it came from, use telegram_bot_api-forward-message."
    ),
    props={
        "chatId": app.definition("chatId", description=(
            "The chat to send the copy to: an ID such as `123456789` or `-1001234567890`, or a channel's `@username`. "
            "The choices list chats with recent updates."
        )),
        "fromChatId": app.definition("chatId", label="From Chat", description=(
            "The chat the original message is in: an ID such as `-1001234567890` or a channel's `@username`."
        )),
        "messageId": app.definition("messageId", options=messages_in("fromChatId"), description="The ID of the message to copy, in the source chat."),
        "caption": props.string("New Caption", "For media: a caption to use instead of the original one, up to 1024 characters.", optional=True),
        "parseMode": app.definition("parseMode"),
        "disableNotification": app.definition("disableNotification"),
    },
)
async def copy_message(ctx):
    body = {
        "chat_id": chat_ref(ctx.props.chatId),
        "from_chat_id": chat_ref(ctx.props.fromChatId),
        "message_id": ctx.props.messageId,
    }
    if ctx.props.get("caption"):
        body["caption"] = ctx.props.caption
    if ctx.props.get("parseMode"):
        body["parse_mode"] = ctx.props.parseMode
    if ctx.props.get("disableNotification") is not None:
        body["disable_notification"] = ctx.props.disableNotification
    copied = await call(ctx, "copyMessage", body)
    ctx.summary = f"Copied message {ctx.props.messageId} from chat {ctx.props.fromChatId} to chat {ctx.props.chatId} (message {copied.get('message_id')})"
    return {"chat_id": ctx.props.chatId, "message_id": copied.get("message_id")}
