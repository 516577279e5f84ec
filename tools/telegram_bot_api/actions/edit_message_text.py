from mcp_gateway.catalog import props

from ..app import app, call, chat_ref, message_summary


@app.action(
    "edit-message-text",
    title="Edit Message Text",
    description=(
        "Replace the text of a message the bot sent earlier (others' messages cannot be edited). Returns the "
        "edited message. To remove the message instead, use telegram_bot_api-delete-message."
    ),
    props={
        "chatId": app.definition("chatId"),
        "messageId": app.definition("messageId"),
        "text": props.string("Text", "The new text, 1 to 4096 characters."),
        "parseMode": app.definition("parseMode"),
    },
    idempotent=True,
    trim=message_summary,
)
async def edit_message_text(ctx):
    body = {"chat_id": chat_ref(ctx.props.chatId), "message_id": ctx.props.messageId, "text": ctx.props.text}
    if ctx.props.get("parseMode"):
        body["parse_mode"] = ctx.props.parseMode
    message = await call(ctx, "editMessageText", body)
    ctx.summary = f"Edited message {ctx.props.messageId} in chat {ctx.props.chatId}"
    return message
