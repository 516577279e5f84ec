from ..app import app, call, chat_label, chat_ref, message_summary


@app.action(
    "get-chat",
    title="Get Chat",
    description=(
        "Get details of a chat the bot can see: type, title or name, username, description or bio, invite "
        "link, and the pinned message."
    ),
    props={"chatId": app.definition("chatId")},
    read_only=True,
)
async def get_chat(ctx):
    chat = await call(ctx, "getChat", {"chat_id": chat_ref(ctx.props.chatId)})
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
    ctx.summary = f"Got chat {chat.get('id')}: {chat_label(chat)}"
    return out
