from ..app import app, graph, message_body, message_summary, seg


@app.action(
    "send-chat-message",
    title="Send Chat Message",
    description=(
        "Send a message as the connected user to an existing Microsoft Teams chat (one-on-one, group or meeting "
        "chat). Returns the message's ID and link. To start a chat with people first, use "
        "microsoft_teams-create-chat; to post in a team channel, microsoft_teams-send-channel-message."
    ),
    props={
        "chatId": app.definition("chatId"),
        "content": app.definition("content"),
        "contentType": app.definition("contentType"),
    },
    trim=message_summary,
)
async def send_chat_message(ctx):
    message = await graph(
        ctx, "POST", f"/chats/{seg(ctx.props.chatId)}/messages",
        json_body={"body": message_body(ctx.props.content, ctx.props.contentType)},
    )
    ctx.summary = f"Sent message {message.get('id')} to chat {ctx.props.chatId}"
    return message
