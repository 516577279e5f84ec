from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import api, app, channel_props, snowflake


@app.action(
    "delete-message",
    title="Delete Message",
    description=(
        "Delete a message from a Discord channel or thread. This cannot be undone. The bot can delete its own "
        "messages; deleting other people's messages needs the Manage Messages permission. "
        "To correct the bot's own message instead, use discord-edit-message."
    ),
    props=channel_props(
        messageId=app.definition("messageId"),
        reason=props.string(
            "Reason",
            "Why the message is deleted, recorded in the server's audit log (e.g. `spam`).",
            optional=True,
        ),
    ),
    destructive=True,
    idempotent=True,
)
async def delete_message(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    message_id = snowflake(ctx.props.messageId, "messageId")
    headers = {"X-Audit-Log-Reason": quote(ctx.props.reason)} if ctx.props.get("reason") else None
    await api(ctx, "DELETE", f"/channels/{channel}/messages/{message_id}", headers=headers)
    ctx.summary = f"Deleted message {message_id} from channel {channel}"
    return {"channel_id": channel, "message_id": message_id, "deleted": True}
