from mcp_gateway.catalog import props, within

from ..app import app, collect, member_summary, more, seg


@app.action(
    "list-chat-members",
    title="List Chat Members",
    description=(
        "List the people in a Microsoft Teams chat: display name, email, Microsoft Entra user ID and role. "
        "For a team's members, use microsoft_teams-list-members instead."
    ),
    props={"chatId": app.definition("chatId"), "limit": props.limit("members"), "cursor": props.cursor()},
    read_only=True,
    trim=within("members", member_summary),
)
async def list_chat_members(ctx):
    members, cursor = await collect(
        ctx, f"/chats/{seg(ctx.props.chatId)}/members", limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    ctx.summary = f"Listed {len(members)} member(s) of chat {ctx.props.chatId}{more(cursor)}"
    return {"members": members, "next_cursor": cursor}
