from urllib.parse import unquote

from mcp_gateway.catalog import props

from ..app import api, app, channel_props, emoji_path, snowflake


@app.action(
    "remove-reaction",
    title="Remove Reaction",
    description=(
        "Take back the bot's own emoji reaction from a Discord message. Removing a reaction the bot has not "
        "made changes nothing. To react, use discord-add-reaction."
    ),
    props=channel_props(
        messageId=app.definition("messageId"),
        emoji=props.string(
            "Emoji",
            "The emoji the bot reacted with, e.g. `👍`, or a custom emoji as `name:id` or `<:name:id>`, e.g. "
            "`partyblob:1143000000000000000`.",
        ),
    ),
    idempotent=True,
)
async def remove_reaction(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    message_id = snowflake(ctx.props.messageId, "messageId")
    emoji = emoji_path(ctx.props.emoji)
    await api(ctx, "DELETE", f"/channels/{channel}/messages/{message_id}/reactions/{emoji}/@me")
    ctx.summary = f"Removed the {unquote(emoji)} reaction from message {message_id} in channel {channel}"
    return {"channel_id": channel, "message_id": message_id, "emoji": unquote(emoji), "removed": True}
