from ..app import app, chosen_team, graph, message_body, seg


@app.action(
    "update-channel-message",
    title="Update Channel Message",
    description=(
        "Replace the text of a message the connected user posted in a Microsoft Teams channel; the old text is "
        "overwritten and the message shows as edited. To add to the thread instead, use "
        "microsoft_teams-reply-to-message; to remove the message, microsoft_teams-delete-channel-message."
    ),
    props={
        "teamId": app.definition("teamId"),
        "channelId": app.definition("channelId"),
        "messageId": app.definition(
            "messageId",
            description="The ID of the channel message to edit, e.g. `1616965872395`, from "
            "microsoft_teams-list-channel-messages or microsoft_teams-send-channel-message.",
        ),
        "content": app.definition("content", description="The new message, replacing the old text. Plain text, or HTML with contentType `html`."),
        "contentType": app.definition("contentType"),
    },
    destructive=True,
    idempotent=True,
)
async def update_channel_message(ctx):
    path = f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages/{seg(ctx.props.messageId)}"
    await graph(ctx, "PATCH", path, json_body={"body": message_body(ctx.props.content, ctx.props.contentType)})
    ctx.summary = f"Updated message {ctx.props.messageId} in channel {ctx.props.channelId}"
    return {"id": ctx.props.messageId, "channelId": ctx.props.channelId, "updated": True}
