import asyncio
import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, attachment_options, graph, seg

_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


@app.action(
    "download-attachment",
    title="Download Attachment to /tmp",
    description=(
        "Save a file attached to an email into /tmp, where later steps (and File Stash) can pick it up. "
        "Returns the saved path, name, type and size. microsoft_outlook-get-message lists a message's "
        "attachments."
    ),
    props={
        "messageId": app.definition("messageId"),
        "attachmentId": props.string(
            "Attachment",
            "The ID of the attachment on that message. The choices list the message's attachments; "
            "microsoft_outlook-get-message lists them too.",
            options=attachment_options,
        ),
        "filePath": props.string(
            "File Path",
            "Where to save the file under /tmp, e.g. `/tmp/invoice.pdf`. Defaults to /tmp/ plus the attachment's name.",
            optional=True,
        ),
    },
    stash="optional",
    idempotent=True,
)
async def download_attachment(ctx):
    path = f"/me/messages/{seg(ctx.props.messageId)}/attachments/{seg(ctx.props.attachmentId)}"
    meta = await graph(ctx, "GET", path, params={"$select": "id,name,contentType,size"})
    if str(meta.get("@odata.type", "")).endswith("referenceAttachment"):
        raise ActionError(f"{meta.get('name')} is a link to a cloud file, not a file attached to the message")
    name = _UNSAFE.sub("_", str(meta.get("name") or "attachment")).strip(" .") or "attachment"
    file_path = ctx.props.get("filePath") or f"/tmp/{name}"
    target = ctx.tmp_path(file_path)
    response = await graph(ctx, "GET", f"{path}/$value", raw=True)
    await asyncio.to_thread(_save, target, response.content)
    ctx.summary = f"Saved {meta.get('name')} ({len(response.content)} bytes) to {file_path}"
    return {
        "filePath": file_path,
        "name": meta.get("name"),
        "contentType": meta.get("contentType") or response.headers.get("content-type"),
        "size": len(response.content),
    }
