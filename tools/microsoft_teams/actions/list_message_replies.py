from mcp_gateway.catalog import props, within

from ..app import app, chosen_team, collect, message_summary, more, seg

# Graph returns at most 50 replies a page.
PAGE = 50


@app.action(
    "list-message-replies",
    title="List Message Replies",
    description=(
        "Read the replies in the thread of a Microsoft Teams channel message: sender, text, time and ID. To "
        "answer in the thread, use microsoft_teams-reply-to-message; for the channel's thread starters, "
        "microsoft_teams-list-channel-messages."
    ),
    props={
        "teamId": app.definition("teamId"),
        "channelId": app.definition("channelId"),
        "messageId": app.definition("messageId"),
        "limit": props.limit("replies"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("replies", message_summary),
)
async def list_message_replies(ctx):
    path = f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages/{seg(ctx.props.messageId)}/replies"
    replies, cursor = await collect(
        ctx, path, params={"$top": min(PAGE, ctx.props.limit)}, limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    ctx.summary = f"Listed {len(replies)} repl{'y' if len(replies) == 1 else 'ies'} to message {ctx.props.messageId}{more(cursor)}"
    return {"replies": replies, "next_cursor": cursor}
