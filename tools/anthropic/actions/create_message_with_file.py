from mcp_gateway.catalog import ActionError, props

from ..app import (
    FILES_BETA, app, call, content_block, conversation, media_type, message_result, quoted, read_tmp_file, stop_note,
)

_MAX_INLINE = 30 * 1024 * 1024  # a message request may be 32 MB in all


@app.action(
    "create-message-with-file",
    title="Ask Claude About an Image or PDF",
    description=(
        "Send Claude an image (JPEG, PNG, GIF, WebP), a PDF or a plain-text document together with a question, "
        "e.g. extract the totals from an invoice, describe a photo, summarize a report. The file comes from /tmp "
        "or from Anthropic's file storage. Returns Claude's reply and token usage. For text-only questions use "
        "anthropic-create-message; to ask several questions about one large file, upload it once with "
        "anthropic-upload-file."
    ),
    props={
        "userMessage": props.string(
            "Question",
            "What to do with the file, e.g. `List every line item with its amount as a table`.",
        ),
        "filePath": props.string(
            "File",
            "The file to send: a path under /tmp such as `/tmp/invoice.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway. Give this or an uploaded file ID.",
            optional=True,
        ),
        "fileId": app.definition(
            "file",
            label="Uploaded File",
            description="Instead of a /tmp file: a file already uploaded to Anthropic (anthropic-upload-file), e.g. "
            "`file_011CNha8iCJcU1wXNR6q4V8w`. Useful for large PDFs or files sent many times.",
            optional=True,
        ),
        "model": app.definition("model"),
        "system": app.definition("system"),
        "maxTokens": app.definition("maxTokens"),
        "temperature": app.definition("temperature"),
    },
    stash="optional",
)
async def create_message_with_file(ctx):
    file_path, file_id = ctx.props.get("filePath"), ctx.props.get("fileId")
    if bool(file_path) == bool(file_id):
        raise ActionError("give exactly one of filePath (a file in /tmp) and fileId (a file uploaded to Anthropic)")
    headers = None
    if file_id:
        meta = await call(ctx, "GET", f"/files/{quoted(file_id)}", headers=FILES_BETA)
        kind = meta.get("mime_type") or ""
        if not (kind.startswith("image/") or kind in ("application/pdf", "text/plain")):
            raise ActionError(f"{file_id} is {kind or 'of an unknown type'}; Claude reads images, PDFs and plain text")
        block, name, headers = content_block(kind, file_id=file_id), meta.get("filename") or file_id, FILES_BETA
    else:
        path, data = await read_tmp_file(ctx, file_path)
        kind = media_type(path.name, data)
        if kind is None:
            raise ActionError(
                f"{file_path} is not an image (JPEG, PNG, GIF, WebP), a PDF or plain text, which is what Claude reads"
            )
        if len(data) > _MAX_INLINE:
            raise ActionError(
                f"{file_path} is {len(data)} bytes, too large to send inline; upload it with anthropic-upload-file "
                "and pass its fileId"
            )
        block, name = content_block(kind, data), path.name
    body = {
        "model": ctx.props.model,
        "max_tokens": ctx.props.maxTokens,
        "messages": conversation(ctx, [block, {"type": "text", "text": ctx.props.userMessage}]),
    }
    if ctx.props.get("system"):
        body["system"] = ctx.props.system
    if ctx.props.get("temperature") is not None:
        body["temperature"] = ctx.props.temperature
    message = await call(ctx, "POST", "/messages", json=body, headers=headers)
    usage = message.get("usage") or {}
    ctx.summary = (
        f"Claude ({message.get('model')}) read {name} and replied with {usage.get('output_tokens', 0)} tokens"
        f"{stop_note(message)}"
    )
    return {**message_result(message), "file": name, "media_type": kind}
