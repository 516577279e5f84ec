from urllib.parse import unquote

from mcp_gateway.catalog import props

from ..app import api, app, channel_props, emoji_path, snowflake


@app.action(
    "add-reaction",
    title="Add Reaction",
    description=(
        "React to a Discord message with an emoji as the bot. Reacting twice with the same emoji changes nothing. "
        "To take the reaction back, use discord-remove-reaction; to answer in words, discord-send-message."
    ),
    props=channel_props(
        messageId=app.definition("messageId"),
        emoji=props.string(
            "Emoji",
            "The emoji itself, e.g. `👍` or `✅` (not a shortcode such as `:thumbsup:`), or a custom emoji of the "
            "server as `name:id` or `<:name:id>`, e.g. `partyblob:1143000000000000000`.",
        ),
    ),
    idempotent=True,
)
async def add_reaction(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    message_id = snowflake(ctx.props.messageId, "messageId")
    emoji = emoji_path(ctx.props.emoji)
    await api(ctx, "PUT", f"/channels/{channel}/messages/{message_id}/reactions/{emoji}/@me")
    ctx.summary = f"Reacted with {unquote(emoji)} to message {message_id} in channel {channel}"
    return {"channel_id": channel, "message_id": message_id, "emoji": unquote(emoji)}
