from mcp_gateway.catalog import props

from ..app import app, call, chat_ref, message_summary


@app.action(
    "send-location",
    title="Send Location",
    description=(
        "Send a point on the map as the bot, given its latitude and longitude. Returns the sent message. "
        "For an address in words, use telegram_bot_api-send-message instead."
    ),
    props={
        "chatId": app.definition("chatId"),
        "latitude": props.any_value(
            "Latitude", "Latitude in degrees, -90 to 90, e.g. `51.5007`.", json_schema={"type": "number", "minimum": -90, "maximum": 90},
        ),
        "longitude": props.any_value(
            "Longitude", "Longitude in degrees, -180 to 180, e.g. `-0.1246`.", json_schema={"type": "number", "minimum": -180, "maximum": 180},
        ),
        "disableNotification": app.definition("disableNotification"),
        "replyToMessageId": app.definition("replyToMessageId"),
    },
    trim=message_summary,
)
async def send_location(ctx):
    body = {"chat_id": chat_ref(ctx.props.chatId), "latitude": ctx.props.latitude, "longitude": ctx.props.longitude}
    if ctx.props.get("disableNotification") is not None:
        body["disable_notification"] = ctx.props.disableNotification
    if ctx.props.get("replyToMessageId"):
        body["reply_parameters"] = {"message_id": ctx.props.replyToMessageId}
    message = await call(ctx, "sendLocation", body)
    ctx.summary = f"Sent location {ctx.props.latitude}, {ctx.props.longitude} to chat {message.get('chat', {}).get('id')}"
    return message
