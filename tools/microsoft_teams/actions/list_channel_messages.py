from mcp_gateway.catalog import props, within

from ..app import app, chosen_team, collect, message_summary, more, seg

# Graph returns at most 50 channel messages a page.
PAGE = 50


@app.action(
    "list-channel-messages",
    title="List Channel Messages",
    description=(
        "Read the latest messages (thread starters) of a Microsoft Teams channel, newest first, optionally with "
        "their replies: sender, text, time, link and ID. For all the replies of one thread, use "
        "microsoft_teams-list-message-replies; for a chat, microsoft_teams-list-chat-messages. Reading channel "
        "messages needs the ChannelMessage.Read.All permission, which a tenant admin may have to approve."
    ),
    props={
        "teamId": app.definition("teamId"),
        "channelId": app.definition("channelId"),
        "includeReplies": props.boolean(
            "Include Replies", "`true` also returns each message's replies.", optional=True
        ),
        "limit": props.limit("messages"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("messages", message_summary),
)
async def list_channel_messages(ctx):
    params = {"$top": min(PAGE, ctx.props.limit)}
    if ctx.props.get("includeReplies"):
        params["$expand"] = "replies"
    messages, cursor = await collect(
        ctx, f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages", params=params,
        limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
    )
    ctx.summary = f"Listed {len(messages)} message(s) of channel {ctx.props.channelId}{more(cursor)}"
    return {"messages": messages, "next_cursor": cursor}
