from mcp_gateway.catalog import props

from ..app import app, chosen_team, graph, message_body, message_summary, seg


@app.action(
    "reply-to-message",
    title="Reply to Channel Message",
    description="Reply as the connected user in the thread of a message in a Microsoft Teams channel.",
    props={
        "teamId": app.definition("teamId"),
        "channelId": app.definition("channelId"),
        "messageId": props.string(
            "Message ID",
            "The ID of the thread's first message (not of a reply), e.g. `1616965872395`. "
            "microsoft_teams-list-channel-messages and microsoft_teams-send-channel-message return it.",
        ),
        "content": app.definition("content"),
        "contentType": app.definition("contentType"),
    },
)
async def reply_to_message(ctx):
    path = f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages/{seg(ctx.props.messageId)}/replies"
    reply = await graph(ctx, "POST", path, json_body={"body": message_body(ctx.props.content, ctx.props.contentType)})
    ctx.summary = f"Replied to message {ctx.props.messageId} in channel {ctx.props.channelId} (reply {reply.get('id')})"
    return message_summary(reply)
