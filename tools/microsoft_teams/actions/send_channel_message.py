from mcp_gateway.catalog import props

from ..app import app, chosen_team, graph, message_body, message_summary, seg


@app.action(
    "send-channel-message",
    title="Send Channel Message",
    description=(
        "Post a new message (a new conversation) as the connected user to a channel of a Microsoft Teams team. "
        "Returns the message's ID, needed to reply to it, and its link. To answer in an existing thread, use "
        "microsoft_teams-reply-to-message; to message people directly, microsoft_teams-send-chat-message."
    ),
    props={
        "teamId": app.definition("teamId"),
        "channelId": app.definition("channelId"),
        "content": app.definition("content"),
        "contentType": app.definition("contentType"),
        "subject": props.string("Subject", "A subject line shown above the message, e.g. `Release 2.4`.", optional=True),
        "importance": props.string(
            "Importance",
            "`normal` (the default), `high` or `urgent`.",
            options=["normal", "high", "urgent"],
            optional=True,
        ),
    },
    trim=message_summary,
)
async def send_channel_message(ctx):
    body = {"body": message_body(ctx.props.content, ctx.props.contentType)}
    if ctx.props.get("subject"):
        body["subject"] = ctx.props.subject
    if ctx.props.get("importance"):
        body["importance"] = ctx.props.importance
    message = await graph(
        ctx, "POST", f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages", json_body=body
    )
    ctx.summary = f"Posted message {message.get('id')} to channel {ctx.props.channelId}"
    return message
