from mcp_gateway.catalog import props

from ..app import app, call, chat_ref, message_summary


@app.action(
    "send-message",
    title="Send Message",
    description=(
        "Send a text message as the bot to a user, group or channel, optionally formatted (HTML or MarkdownV2), "
        "as a reply, or silently. Returns the sent message with its `message_id` (needed to edit, pin or delete it). "
        "For files use telegram_bot_api-send-photo or telegram_bot_api-send-document; to change a sent message, "
        "telegram_bot_api-edit-message-text."
    ),
    props={
        "chatId": app.definition("chatId"),
        "text": props.string("Text", "The message, 1 to 4096 characters, formatted as `parseMode` says."),
        "parseMode": app.definition("parseMode"),
        "disableLinkPreview": props.boolean("No Link Preview", "`true` to not show a preview of the first link.", optional=True),
        "disableNotification": app.definition("disableNotification"),
        "replyToMessageId": app.definition("replyToMessageId"),
        "messageThreadId": props.integer(
            "Topic ID", "In a forum supergroup: the topic (message thread) to post in.", min=1, optional=True,
        ),
    },
    trim=message_summary,
)
async def send_message(ctx):
    body = {"chat_id": chat_ref(ctx.props.chatId), "text": ctx.props.text}
    if ctx.props.get("parseMode"):
        body["parse_mode"] = ctx.props.parseMode
    if ctx.props.get("disableLinkPreview"):
        body["link_preview_options"] = {"is_disabled": True}
    if ctx.props.get("disableNotification") is not None:
        body["disable_notification"] = ctx.props.disableNotification
    if ctx.props.get("replyToMessageId"):
        body["reply_parameters"] = {"message_id": ctx.props.replyToMessageId}
    if ctx.props.get("messageThreadId"):
        body["message_thread_id"] = ctx.props.messageThreadId
    message = await call(ctx, "sendMessage", body)
    ctx.summary = f"Sent message {message.get('message_id')} to chat {message.get('chat', {}).get('id')}"
    return message
