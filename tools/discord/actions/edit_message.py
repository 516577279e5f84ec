from mcp_gateway.catalog import ActionError, props

from ..app import api, app, channel_props, message_summary, snowflake, with_guild


@app.action(
    "edit-message",
    title="Edit Message",
    description=(
        "Replace the text of a message the bot sent earlier (a bot cannot edit other people's messages). "
        "Attachments and embeds stay as they are. Returns the updated message. "
        "To post a correction as a new message instead, use discord-send-message."
    ),
    props=channel_props(
        messageId=app.definition("messageId"),
        content=props.string(
            "New Content",
            "The new message text, up to 2,000 characters, in Discord markdown. It replaces the old text entirely.",
        ),
    ),
    idempotent=True,
    trim=message_summary,
)
async def edit_message(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    message_id = snowflake(ctx.props.messageId, "messageId")
    if len(ctx.props.content) > 2000:
        raise ActionError(f"content is {len(ctx.props.content)} characters; Discord accepts at most 2000 per message")
    message = await api(ctx, "PATCH", f"/channels/{channel}/messages/{message_id}", json_body={"content": ctx.props.content})
    ctx.summary = f"Edited message {message_id} in channel {channel}"
    return with_guild(message, ctx.props.get("guildId"))
