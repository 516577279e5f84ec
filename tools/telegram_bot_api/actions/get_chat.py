from ..app import app, call, chat_label, chat_ref, message_summary


def _chat_details(chat):
    out = {
        k: chat.get(k)
        for k in ("id", "type", "title", "username", "first_name", "last_name", "description", "bio", "invite_link",
                  "is_forum", "linked_chat_id", "slow_mode_delay")
        if chat.get(k) is not None
    }
    if chat.get("pinned_message"):
        out["pinned_message"] = message_summary(chat["pinned_message"])
    if chat.get("permissions"):
        out["permissions"] = chat["permissions"]
    return out


@app.action(
    "get-chat",
    title="Get Chat",
    description=(
        "Get details of a chat the bot can see: type, title or name, username, description or bio, invite "
        "link, and the pinned message. To find chat IDs, use telegram_bot_api-get-updates (the bot cannot list "
        "its chats)."
    ),
    props={"chatId": app.definition("chatId")},
    read_only=True,
    trim=_chat_details,
)
async def get_chat(ctx):
    chat = await call(ctx, "getChat", {"chat_id": chat_ref(ctx.props.chatId)})
    ctx.summary = f"Got chat {chat.get('id')}: {chat_label(chat)}"
    return chat
