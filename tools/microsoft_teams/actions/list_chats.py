from mcp_gateway.catalog import props

from ..app import app, chat_label, check_next_link, graph


@app.action(
    "list-chats",
    title="List Chats",
    description=(
        "List the connected user's Microsoft Teams chats (one-on-one, group and meeting chats), most recently "
        "active first, with their IDs, topics, members and last update. Pass the returned nextLink for more."
    ),
    props={
        "top": props.integer("Page Size", "How many chats to return, 1 to 50. Defaults to 20.", min=1, max=50, default=20),
        "chatType": props.string(
            "Chat Type",
            "Only chats of this type: `oneOnOne`, `group` or `meeting`. Leave empty for all.",
            options=["oneOnOne", "group", "meeting"],
            optional=True,
        ),
        "nextLink": props.string(
            "Next Page Link", "The `nextLink` a previous call returned, to read the next page.", optional=True
        ),
    },
    read_only=True,
)
async def list_chats(ctx):
    if ctx.props.get("nextLink"):
        data = await graph(ctx, "GET", check_next_link(ctx.props.nextLink))
    else:
        params = {"$expand": "members", "$top": ctx.props.top, "$orderby": "lastMessagePreview/createdDateTime desc"}
        if ctx.props.get("chatType"):
            params["$filter"] = f"chatType eq '{ctx.props.chatType}'"
        data = await graph(ctx, "GET", "/me/chats", params=params)
    chats = []
    for chat in data.get("value") or []:
        chats.append(
            {
                "id": chat.get("id"),
                "label": chat_label(chat),
                "topic": chat.get("topic"),
                "chatType": chat.get("chatType"),
                "members": [
                    {"displayName": m.get("displayName"), "email": m.get("email"), "userId": m.get("userId")}
                    for m in chat.get("members") or []
                ],
                "lastUpdatedDateTime": chat.get("lastUpdatedDateTime"),
                "webUrl": chat.get("webUrl"),
            }
        )
    following = data.get("@odata.nextLink")
    ctx.summary = f"Listed {len(chats)} chat(s)" + (" (more available)" if following else "")
    return {"chats": chats, "nextLink": following}
