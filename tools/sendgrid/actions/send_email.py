import asyncio
import base64
import mimetypes
import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, sendgrid_error

MAX_TOTAL_BYTES = 30 * 1024 * 1024  # SendGrid's limit for a whole message
_NAMED = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")


def address(value):
    """`{"email", "name"}` from `jane@example.com` or `Jane Doe <jane@example.com>`."""
    text = str(value).strip()
    match = _NAMED.match(text)
    if match:
        name = match.group("name").strip().strip('"')
        return {"email": match.group("email"), "name": name} if name else {"email": match.group("email")}
    if "@" not in text or " " in text:
        raise ActionError(f"{value!r} is not an email address; use `jane@example.com` or `Jane Doe <jane@example.com>`")
    return {"email": text}


def _read(path):
    return path.read_bytes()


@app.action(
    "send-email",
    title="Send Email",
    description=(
        "Send an email through SendGrid: plain text and/or HTML, or a dynamic template filled with data, to one "
        "or more recipients, with optional CC/BCC, reply-to and file attachments from /tmp. SendGrid queues the "
        "message; the result has its `message_id` (delivery happens moments later)."
    ),
    props={
        "to": props.string_list(
            "To",
            "Recipients, each `jane@example.com` or `Jane Doe <jane@example.com>`. Everyone sees the whole list "
            "unless `sendSeparately` is set.",
        ),
        "fromEmail": props.string(
            "From Email",
            "The sender address, e.g. `orders@example.com`. It must be a verified sender or on an authenticated "
            "domain of the SendGrid account.",
        ),
        "fromName": props.string("From Name", "The sender name recipients see, e.g. `Example Store`.", optional=True),
        "replyTo": props.string("Reply To", "Where replies go, if not the sender, e.g. `support@example.com`.", optional=True),
        "subject": props.string(
            "Subject", "The subject line. Required unless the dynamic template sets its own subject.", optional=True,
        ),
        "text": props.string("Text Body", "The plain-text body.", optional=True),
        "html": props.string("HTML Body", "The HTML body, e.g. `<p>Your order has shipped.</p>`.", optional=True),
        "templateId": app.definition("templateId", optional=True, description=(
            "A dynamic template to send instead of a text or HTML body, e.g. `d-13b8f94fbcae4ec6b75270d6cb59f932`. "
            "The choices list the account's dynamic templates."
        )),
        "dynamicTemplateData": props.obj(
            "Template Data",
            "With a dynamic template: the values its Handlebars placeholders use, e.g. "
            "`{\"first_name\": \"Ada\", \"order\": {\"id\": \"6735\", \"total\": \"$42.00\"}}`.",
            optional=True,
        ),
        "cc": props.string_list("CC", "Addresses to copy, same format as `to`.", optional=True),
        "bcc": props.string_list("BCC", "Addresses to blind-copy, same format as `to`.", optional=True),
        "attachments": props.string_list(
            "Attachments",
            "Files to attach: paths under /tmp such as `/tmp/invoice.pdf` saved by an earlier step (pass that "
            "step's stash_id), or `file_...` ids of files sent to the gateway. 30 MB in all.",
            optional=True,
        ),
        "sendSeparately": props.boolean(
            "Send Separately",
            "`true` sends each `to` recipient their own copy, so nobody sees the other recipients (no CC/BCC then).",
            default=False,
        ),
        "categories": props.string_list(
            "Categories", "Up to 10 labels for SendGrid's statistics, e.g. `[\"receipts\"]`.", optional=True,
        ),
        "sendAt": props.integer(
            "Send At",
            "A Unix timestamp (seconds) to schedule sending, up to 72 hours ahead, e.g. `1735689600`. Leave empty to send now.",
            optional=True,
        ),
    },
    stash="optional",
)
async def send_email(ctx):
    to = [address(a) for a in ctx.props.to]
    if not to:
        raise ActionError("give at least one recipient in `to`")
    cc = [address(a) for a in ctx.props.get("cc") or []]
    bcc = [address(a) for a in ctx.props.get("bcc") or []]
    template = ctx.props.get("templateId")
    text, html = ctx.props.get("text"), ctx.props.get("html")
    if not (template or text or html):
        raise ActionError("give a text or HTML body, or a dynamic template (templateId)")
    if not template and not ctx.props.get("subject"):
        raise ActionError("give a subject (only a dynamic template can supply its own)")
    if ctx.props.sendSeparately and (cc or bcc):
        raise ActionError("CC and BCC cannot be combined with sendSeparately; send them their own copy instead")

    extra = {}
    if cc:
        extra["cc"] = cc
    if bcc:
        extra["bcc"] = bcc
    if template and ctx.props.get("dynamicTemplateData"):
        extra["dynamic_template_data"] = ctx.props.dynamicTemplateData
    groups = [[recipient] for recipient in to] if ctx.props.sendSeparately else [to]
    body = {
        "personalizations": [{"to": group, **extra} for group in groups],
        "from": address(ctx.props.fromEmail),
    }
    if ctx.props.get("fromName"):
        body["from"]["name"] = ctx.props.fromName
    if ctx.props.get("replyTo"):
        body["reply_to"] = address(ctx.props.replyTo)
    if ctx.props.get("subject"):
        body["subject"] = ctx.props.subject
    content = []
    if text:
        content.append({"type": "text/plain", "value": text})  # SendGrid wants text/plain first
    if html:
        content.append({"type": "text/html", "value": html})
    if content:
        body["content"] = content
    if template:
        body["template_id"] = template
    attachments = await _attachments(ctx)
    if attachments:
        body["attachments"] = attachments
    if ctx.props.get("categories"):
        body["categories"] = list(ctx.props.categories)
    if ctx.props.get("sendAt") is not None:
        body["send_at"] = ctx.props.sendAt

    response = await ctx.http.request("POST", "/mail/send", json=body, raise_for_status=False)
    if response.status_code >= 400:
        raise sendgrid_error("POST", "/mail/send", response)
    message_id = response.headers.get("x-message-id")
    recipients = len(to) + len(cc) + len(bcc)
    what = f"template {template}" if template else repr(ctx.props.subject)
    files = f" with {len(attachments)} attachment{'s' if len(attachments) != 1 else ''}" if attachments else ""
    when = f", scheduled for {ctx.props.sendAt}" if ctx.props.get("sendAt") is not None else ""
    ctx.summary = f"Queued email {what} to {recipients} recipient{'s' if recipients != 1 else ''}{files}{when}"
    return {
        "message_id": message_id,
        "status": response.status_code,
        "recipients": [r["email"] for r in to + cc + bcc],
        "attachments": [a["filename"] for a in attachments],
    }


async def _attachments(ctx):
    out, total = [], 0
    for raw in ctx.props.get("attachments") or []:
        path = ctx.tmp_path(raw)
        try:
            data = await asyncio.to_thread(_read, path)
        except (FileNotFoundError, IsADirectoryError):
            raise ActionError(
                f"{raw} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id"
            ) from None
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise ActionError("the attachments add up to more than SendGrid's 30 MB limit for one email")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        out.append({
            "content": base64.b64encode(data).decode("ascii"),
            "filename": path.name,
            "type": mime,
            "disposition": "attachment",
        })
    return out
