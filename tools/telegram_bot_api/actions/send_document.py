from mcp_gateway.catalog import props

from ..app import app, message_summary
from ._files import send_file


@app.action(
    "send-document",
    title="Send Document",
    description=(
        "Send a file as a document (kept as is, any type up to 50 MB) as the bot, with an optional caption: a "
        "file from /tmp, or a public URL (PDF or ZIP only) or the file_id of a file Telegram already has. "
        "Returns the sent message. For pictures shown inline, use telegram_bot_api-send-photo."
    ),
    props={
        "chatId": app.definition("chatId"),
        "filePath": props.string(
            "File",
            "A file under /tmp to upload, e.g. `/tmp/report.pdf`, saved by an earlier step (pass its stash_id) or "
            "a `file_...` id sent to the gateway. Use this or `fileUrlOrId`.",
            optional=True,
        ),
        "fileUrlOrId": props.string(
            "File URL or File ID",
            "Instead of a file: a public URL of a PDF or ZIP file, or a Telegram `file_id`.",
            optional=True,
        ),
        "caption": props.string("Caption", "Text under the document, up to 1024 characters.", optional=True),
        "parseMode": app.definition("parseMode"),
        "disableNotification": app.definition("disableNotification"),
        "replyToMessageId": app.definition("replyToMessageId"),
    },
    stash="optional",
    trim=message_summary,
)
async def send_document(ctx):
    message, uploaded = await send_file(ctx, "sendDocument", "document")
    what = f"{uploaded[0]} ({uploaded[1]} bytes)" if uploaded else "a document"
    ctx.summary = f"Sent {what} to chat {message.get('chat', {}).get('id')} (message {message.get('message_id')})"
    return message
