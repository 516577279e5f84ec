from ..app import api, app, channel_props, message_summary, snowflake, with_guild


@app.action(
    "get-message",
    title="Get Message",
    description=(
        "Read one Discord message by its channel and ID (the last two numbers of a message link): author, text, "
        "time, attachments, embeds, reactions and the message it replies to. Needs the bot's Read Message History "
        "permission. To read a channel's recent messages, use discord-list-messages instead."
    ),
    props=channel_props(messageId=app.definition("messageId")),
    read_only=True,
    trim=message_summary,
)
async def get_message(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    message_id = snowflake(ctx.props.messageId, "messageId")
    message = await api(ctx, "GET", f"/channels/{channel}/messages/{message_id}")
    author = (message.get("author") or {}).get("username")
    ctx.summary = f"Read message {message_id} by {author} in channel {channel}"
    return with_guild(message, ctx.props.get("guildId"))
