"""Sending a file to Telegram: uploaded from /tmp, or named by URL or file_id."""

import asyncio
import mimetypes

from mcp_gateway.catalog import ActionError

from ..app import call, chat_ref

MAX_UPLOAD = 50 * 1024 * 1024  # the Bot API's limit for files bots upload


async def send_file(ctx, method, field, *, extra=None):
    """Send `field` (photo, document...) with `method`; returns the sent message."""
    path_value, reference = ctx.props.get("filePath"), ctx.props.get("fileUrlOrId")
    if bool(path_value) == bool(reference):
        raise ActionError("give either filePath (a file in /tmp) or fileUrlOrId (a URL or a Telegram file_id), one of them")
    fields = {"chat_id": chat_ref(ctx.props.chatId)}
    if ctx.props.get("caption"):
        fields["caption"] = ctx.props.caption
    if ctx.props.get("parseMode"):
        fields["parse_mode"] = ctx.props.parseMode
    if ctx.props.get("disableNotification") is not None:
        fields["disable_notification"] = ctx.props.disableNotification
    fields.update(extra or {})
    reply = ctx.props.get("replyToMessageId")
    if reference:
        body = dict(fields, **{field: reference})
        if reply:
            body["reply_parameters"] = {"message_id": reply}
        return await call(ctx, method, body), None
    path = ctx.tmp_path(path_value)
    try:
        content = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(f"{path_value} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id") from None
    if not content:
        raise ActionError(f"{path_value} is empty; Telegram does not accept empty files")
    if len(content) > MAX_UPLOAD:
        raise ActionError(f"{path_value} is larger than the 50 MB bots can upload")
    form = {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in fields.items()}
    if reply:
        form["reply_parameters"] = f'{{"message_id": {int(reply)}}}'
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    message = await call(ctx, method, data=form, files={field: (path.name, content, mime)})
    return message, (path.name, len(content))
