import asyncio

from mcp_gateway.catalog import ActionError, props

from ..app import api, app, attachment_options, attachments_of, b64url_decode, safe_filename, seg, walk_parts


@app.action(
    "download-attachment",
    title="Download Attachment",
    description=(
        "Save an attachment of a Gmail email as a file under /tmp, where later steps (and File Stash) can pick it up. "
        "Pick the attachment by its file name or the attachmentId gmail-get-email lists. Returns the saved path, "
        "file name, type and size."
    ),
    props={
        "messageId": app.definition("messageId", description=(
            "The Gmail ID of the email holding the attachment, e.g. `18f2a3b4c5d6e7f8`, as returned by "
            "gmail-find-email or gmail-get-email."
        )),
        "attachment": props.string(
            "Attachment",
            "Which attachment: its file name as shown by gmail-get-email, e.g. `invoice-0042.pdf`, or its attachmentId.",
            options=attachment_options,
        ),
        "filePath": props.string(
            "File Path",
            "Where to save it, under /tmp, e.g. `/tmp/invoice.pdf`. Defaults to `/tmp/<attachment file name>`.",
            optional=True,
        ),
    },
    stash="optional",
)
async def download_attachment(ctx):
    message_id = ctx.props.messageId
    wanted = str(ctx.props.attachment).strip()
    message = await api(ctx, "GET", f"/messages/{seg(message_id)}", params={"format": "full"})
    found = attachments_of(message.get("payload"))
    match = next((a for a in found if a["attachmentId"] == wanted), None) or next(
        (a for a in found if a["filename"] == wanted), None
    ) or next((a for a in found if str(a["filename"]).lower() == wanted.lower()), None)
    if match is None:
        names = ", ".join(a["filename"] for a in found) or "none"
        raise ActionError(f"the email has no attachment {wanted!r}; its attachments are: {names}")
    if match["attachmentId"]:
        body = await api(ctx, "GET", f"/messages/{seg(message_id)}/attachments/{seg(match['attachmentId'])}")
        data = b64url_decode(body.get("data"))
    else:  # small attachments can come inline in the message
        part = next(p for p in walk_parts(message.get("payload")) if p.get("partId") == match["partId"])
        data = b64url_decode((part.get("body") or {}).get("data"))
    name = safe_filename(match["filename"])
    file_path = ctx.props.get("filePath") or f"/tmp/{name}"
    target = ctx.tmp_path(file_path)
    await asyncio.to_thread(_save, target, data)
    ctx.summary = f"Saved attachment {name} ({len(data)} bytes) to {file_path}"
    return {"filePath": file_path, "filename": name, "mimeType": match["mimeType"], "size": len(data)}


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
