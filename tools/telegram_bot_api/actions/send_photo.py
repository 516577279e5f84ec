from mcp_gateway.catalog import props

from ..app import app, message_summary
from ._files import send_file


@app.action(
    "send-photo",
    title="Send Photo",
    description=(
        "Send a photo as the bot, with an optional caption: a JPEG/PNG image from /tmp (up to 10 MB), or a "
        "public image URL or the file_id of a photo Telegram already has. Returns the sent message. "
        "Telegram compresses photos; to send an image untouched, use telegram_bot_api-send-document."
    ),
    props={
        "chatId": app.definition("chatId"),
        "filePath": props.string(
            "Photo File",
            "An image under /tmp to upload, e.g. `/tmp/chart.png`, saved by an earlier step (pass its stash_id) "
            "or a `file_...` id sent to the gateway. Use this or `fileUrlOrId`.",
            optional=True,
        ),
        "fileUrlOrId": props.string(
            "Photo URL or File ID",
            "Instead of a file: a public image URL (e.g. `https://example.com/cat.jpg`, up to 5 MB) or a Telegram "
            "`file_id` of a photo.",
            optional=True,
        ),
        "caption": props.string("Caption", "Text under the photo, up to 1024 characters.", optional=True),
        "parseMode": app.definition("parseMode"),
        "disableNotification": app.definition("disableNotification"),
        "replyToMessageId": app.definition("replyToMessageId"),
    },
    stash="optional",
    trim=message_summary,
)
async def send_photo(ctx):
    message, uploaded = await send_file(ctx, "sendPhoto", "photo")
    what = f"{uploaded[0]} ({uploaded[1]} bytes)" if uploaded else "a photo"
    ctx.summary = f"Sent {what} to chat {message.get('chat', {}).get('id')} (message {message.get('message_id')})"
    return message
