from ..app import app, chosen_team, graph, message_body, message_summary, seg


@app.action(
    "reply-to-message",
    title="Reply to Channel Message",
    description=(
        "Reply as the connected user in the thread of a message in a Microsoft Teams channel. Returns the "
        "reply's ID and link. To start a new thread, use microsoft_teams-send-channel-message; to read a "
        "thread, microsoft_teams-list-message-replies."
    ),
    props={
        "teamId": app.definition("teamId"),
        "channelId": app.definition("channelId"),
        "messageId": app.definition("messageId"),
        "content": app.definition("content"),
        "contentType": app.definition("contentType"),
    },
    trim=message_summary,
)
async def reply_to_message(ctx):
    path = f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages/{seg(ctx.props.messageId)}/replies"
    reply = await graph(ctx, "POST", path, json_body={"body": message_body(ctx.props.content, ctx.props.contentType)})
    ctx.summary = f"Replied to message {ctx.props.messageId} in channel {ctx.props.channelId} (reply {reply.get('id')})"
    return reply
