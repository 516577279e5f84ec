from mcp_gateway.catalog import props, within

from ..app import app, collect, message_summary, more, seg

# Graph returns at most 50 chat messages a page.
PAGE = 50


@app.action(
    "list-chat-messages",
    title="List Chat Messages",
    description=(
        "Read the latest messages of a Microsoft Teams chat, newest first: sender, text, time and ID. For a "
        "team channel's messages, use microsoft_teams-list-channel-messages instead."
    ),
    props={"chatId": app.definition("chatId"), "limit": props.limit("messages"), "cursor": props.cursor()},
    read_only=True,
    trim=within("messages", message_summary),
)
async def list_chat_messages(ctx):
    messages, cursor = await collect(
        ctx, f"/chats/{seg(ctx.props.chatId)}/messages", params={"$top": min(PAGE, ctx.props.limit)},
        limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
    )
    ctx.summary = f"Listed {len(messages)} message(s) of chat {ctx.props.chatId}{more(cursor)}"
    return {"messages": messages, "next_cursor": cursor}
