from mcp_gateway.catalog import props, within

from ..app import app, chat_summary, collect, more

# Graph returns at most 50 chats a page.
PAGE = 50


@app.action(
    "list-chats",
    title="List Chats",
    description=(
        "List the connected user's Microsoft Teams chats (one-on-one, group and meeting chats), most recently "
        "active first, with their IDs, topics, members and last update. Use it to get the chatId for reading or "
        "sending chat messages; to start a new chat, use microsoft_teams-create-chat."
    ),
    props={
        "chatType": props.string(
            "Chat Type",
            "Only chats of this type: `oneOnOne`, `group` or `meeting`. Leave empty for all.",
            options=["oneOnOne", "group", "meeting"],
            optional=True,
        ),
        "limit": props.limit("chats"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("chats", chat_summary),
)
async def list_chats(ctx):
    params = {
        "$expand": "members",
        "$top": min(PAGE, ctx.props.limit),
        "$orderby": "lastMessagePreview/createdDateTime desc",
    }
    if ctx.props.get("chatType"):
        params["$filter"] = f"chatType eq '{ctx.props.chatType}'"
    chats, cursor = await collect(ctx, "/me/chats", params=params, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(chats)} chat(s){more(cursor)}"
    return {"chats": chats, "next_cursor": cursor}
