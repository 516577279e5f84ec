import asyncio
import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import api, app, channel_props, message_summary, multipart, snowflake, with_guild

MAX_CONTENT = 2000
# Discord's default upload limit per file (servers with boosts allow more).
MAX_FILE_BYTES = 10 * 1024 * 1024
SUPPRESS_NOTIFICATIONS = 1 << 12


@app.action(
    "send-message",
    title="Send Message",
    description=(
        "Post a message as the bot to a Discord channel or thread, optionally with a file from /tmp attached "
        "and optionally as a reply to another message. Returns the new message's ID (needed to edit, delete or "
        "react to it) and link. "
        "To change a sent message, use discord-edit-message; to start a thread, discord-create-thread."
    ),
    props=channel_props(
        content=props.string(
            "Content",
            "The message text, up to 2,000 characters, in Discord markdown: `**bold**`, `*italic*`, "
            "`<@USER_ID>` to mention a user, `<#CHANNEL_ID>` to link a channel. Optional when a file is attached.",
            optional=True,
        ),
        filePath=props.string(
            "File",
            "A file to attach: a path under /tmp such as `/tmp/report.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway. Up to 10 MB unless the server allows more.",
            optional=True,
        ),
        fileDescription=props.string(
            "File Description",
            "Alt text for the attached file, up to 1,024 characters.",
            optional=True,
        ),
        replyToMessageId=props.string(
            "Reply To Message ID",
            "To post as a reply, the ID of the message in the same channel to reply to, e.g. `1143600000000000000`.",
            optional=True,
        ),
        silent=props.boolean(
            "Silent",
            "`true` posts without sending push or desktop notifications to the people mentioned.",
            optional=True,
        ),
    ),
    stash="optional",
    trim=message_summary,
)
async def send_message(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    content = ctx.props.get("content") or ""
    if len(content) > MAX_CONTENT:
        raise ActionError(f"content is {len(content)} characters; Discord accepts at most {MAX_CONTENT} per message")
    payload = {}
    if content:
        payload["content"] = content
    if ctx.props.get("replyToMessageId"):
        payload["message_reference"] = {
            "message_id": snowflake(ctx.props.replyToMessageId, "replyToMessageId"),
            "fail_if_not_exists": True,
        }
    if ctx.props.get("silent"):
        payload["flags"] = SUPPRESS_NOTIFICATIONS

    files = None
    if ctx.props.get("filePath"):
        path = ctx.tmp_path(ctx.props.filePath)
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except (FileNotFoundError, IsADirectoryError):
            raise ActionError(
                f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, "
                "or a file_id as the file"
            ) from None
        if len(data) > MAX_FILE_BYTES:
            raise ActionError(f"{path.name} is {len(data)} bytes; Discord accepts files up to 10 MB by default")
        attachment = {"id": 0, "filename": path.name}
        if ctx.props.get("fileDescription"):
            attachment["description"] = ctx.props.fileDescription
        payload["attachments"] = [attachment]
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        files = multipart(payload, [(path.name, data, content_type)])
    elif not content:
        raise ActionError("give the message content, a file to attach, or both")

    if files is not None:
        message = await api(ctx, "POST", f"/channels/{channel}/messages", files=files)
    else:
        message = await api(ctx, "POST", f"/channels/{channel}/messages", json_body=payload)
    attached = f" with {len(message.get('attachments') or [])} file(s)" if files is not None else ""
    ctx.summary = f"Sent message {message.get('id')} to channel {channel}{attached}"
    return with_guild(message, ctx.props.get("guildId"))
