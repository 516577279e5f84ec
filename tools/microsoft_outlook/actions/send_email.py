import asyncio
import base64
import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import app, graph, item_body, recipients

# Graph takes attachments inline in sendMail only while the whole request stays under 4 MB.
MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024


async def file_attachments(ctx, paths):
    """fileAttachment objects for files under /tmp."""
    attachments, total = [], 0
    for raw in paths or []:
        path = ctx.tmp_path(raw)
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except (FileNotFoundError, IsADirectoryError):
            raise ActionError(
                f"{raw} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id as the file"
            ) from None
        total += len(data)
        if total > MAX_ATTACHMENT_BYTES:
            raise ActionError("attachments may total at most 3 MB when sent this way; send fewer or smaller files")
        attachments.append(
            {
                "@odata.type": "#microsoft.graph.fileAttachment",
                "name": path.name,
                "contentType": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                "contentBytes": base64.b64encode(data).decode(),
            }
        )
    return attachments, total


@app.action(
    "send-email",
    title="Send Email",
    description=(
        "Send an email from the connected user's Outlook mailbox, optionally with files from /tmp attached "
        "(up to 3 MB in all). The message is saved in Sent Items. To review before sending, use "
        "microsoft_outlook-create-draft instead; to answer or pass on a message, microsoft_outlook-reply-to-email "
        "or microsoft_outlook-forward-email."
    ),
    props={
        "to": app.definition("to"),
        "cc": app.definition("cc"),
        "bcc": app.definition("bcc"),
        "subject": app.definition("subject"),
        "body": app.definition("body"),
        "bodyType": app.definition("bodyType"),
        "attachments": props.string_list(
            "Attachments",
            "Files to attach: paths under /tmp such as `[\"/tmp/report.pdf\"]` saved by an earlier step with the same "
            "stash_id, or `file_...` ids of files sent to the gateway.",
            optional=True,
        ),
        "importance": props.string(
            "Importance", "`low`, `normal` (the default) or `high`.", options=["low", "normal", "high"], optional=True
        ),
        "saveToSentItems": props.boolean(
            "Save to Sent Items", "`false` sends without keeping a copy in Sent Items. Defaults to `true`.", optional=True
        ),
    },
    stash="optional",
)
async def send_email(ctx):
    to = recipients(ctx.props.to, "to")
    if not to:
        raise ActionError("give at least one recipient in `to`")
    message = {
        "subject": ctx.props.subject,
        "body": item_body(ctx.props.body, ctx.props.bodyType),
        "toRecipients": to,
    }
    for name, field in (("cc", "ccRecipients"), ("bcc", "bccRecipients")):
        if ctx.props.get(name):
            message[field] = recipients(ctx.props[name], name)
    if ctx.props.get("importance"):
        message["importance"] = ctx.props.importance
    attachments, size = await file_attachments(ctx, ctx.props.get("attachments"))
    if attachments:
        message["attachments"] = attachments
    body = {"message": message}
    if ctx.props.get("saveToSentItems") is False:
        body["saveToSentItems"] = False
    await graph(ctx, "POST", "/me/sendMail", json_body=body)
    addresses = [r["emailAddress"]["address"] for r in to]
    attached = f" with {len(attachments)} attachment(s), {size} bytes" if attachments else ""
    ctx.summary = f"Sent \"{ctx.props.subject}\" to {', '.join(addresses)}{attached}"
    return {
        "sent": True,
        "subject": ctx.props.subject,
        "to": addresses,
        "attachments": [a["name"] for a in attachments],
    }
