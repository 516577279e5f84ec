from ..app import app, chosen_team, graph, seg


@app.action(
    "delete-channel-message",
    title="Delete Channel Message",
    description=(
        "Delete a message the connected user posted in a Microsoft Teams channel: it shows as deleted in the "
        "thread (Teams keeps it soft-deleted, and its author can undo this in Teams). To correct it instead, "
        "use microsoft_teams-update-channel-message."
    ),
    props={
        "teamId": app.definition("teamId"),
        "channelId": app.definition("channelId"),
        "messageId": app.definition(
            "messageId",
            description="The ID of the channel message to delete, e.g. `1616965872395`, from "
            "microsoft_teams-list-channel-messages.",
        ),
    },
    destructive=True,
    idempotent=True,
)
async def delete_channel_message(ctx):
    path = f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages/{seg(ctx.props.messageId)}/softDelete"
    await graph(ctx, "POST", path)
    ctx.summary = f"Deleted message {ctx.props.messageId} in channel {ctx.props.channelId}"
    return {"id": ctx.props.messageId, "channelId": ctx.props.channelId, "deleted": True}
