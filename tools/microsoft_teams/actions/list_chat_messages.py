from mcp_gateway.catalog import props

from ..app import app, check_next_link, graph, message_summary, seg


@app.action(
    "list-chat-messages",
    title="List Chat Messages",
    description=(
        "Read the latest messages of a Microsoft Teams chat, newest first: sender, text, time and ID. Pass the "
        "returned nextLink to read older messages."
    ),
    props={
        "chatId": app.definition("chatId"),
        "top": props.integer("Page Size", "How many messages to return, 1 to 50. Defaults to 20.", min=1, max=50, default=20),
        "nextLink": props.string(
            "Next Page Link", "The `nextLink` a previous call returned, to read the next (older) page.", optional=True
        ),
    },
    read_only=True,
)
async def list_chat_messages(ctx):
    if ctx.props.get("nextLink"):
        data = await graph(ctx, "GET", check_next_link(ctx.props.nextLink))
    else:
        data = await graph(ctx, "GET", f"/chats/{seg(ctx.props.chatId)}/messages", params={"$top": ctx.props.top})
    messages = [message_summary(m) for m in data.get("value") or []]
    following = data.get("@odata.nextLink")
    ctx.summary = f"Listed {len(messages)} message(s) of chat {ctx.props.chatId}" + (" (more available)" if following else "")
    return {"messages": messages, "nextLink": following}
