import html

from mcp_gateway.catalog import ActionError, props

from ..app import (
    api,
    app,
    attachments_of,
    b64url_decode,
    body_type_prop,
    build_message,
    gather_limited,
    header_map,
    message_bodies,
    message_ref,
    parse_addresses,
    seg,
    walk_parts,
)

_QUOTED = ("from", "date", "subject", "to", "cc")


def _forwarded_block(headers, text, original_html, as_html):
    """The original's headers and body as Gmail lays out a forward."""
    lines = [f"{name.capitalize()}: {headers[name]}" for name in _QUOTED if headers.get(name)]
    if not as_html:
        return "\n".join(["---------- Forwarded message ---------", *lines, "", text])
    head = "<br>".join(html.escape(line) for line in lines)
    body = original_html or f"<pre>{html.escape(text)}</pre>"
    return f"<div>---------- Forwarded message ---------<br>{head}<br><br>{body}</div>"


@app.action(
    "forward-email",
    title="Forward Email",
    description=(
        "Forward an email from the connected Gmail mailbox to other people, with an optional note above it: the "
        "original's sender, date, subject and text are quoted, and its attachments go along unless includeAttachments "
        "is false. To answer the sender instead, use gmail-reply-to-email. Returns the sent message's ID and thread ID."
    ),
    props={
        "messageId": app.definition("messageId", description=(
            "The Gmail ID of the email to forward, e.g. `18f2a3b4c5d6e7f8`, as returned by gmail-find-email."
        )),
        "to": props.string_list(
            "To", "Who to forward it to, e.g. `[\"ada@example.com\"]` or `[\"Ada Lovelace <ada@example.com>\"]`."
        ),
        "cc": props.string_list("CC", "People to copy, e.g. `[\"alan@example.com\"]`.", optional=True),
        "bcc": props.string_list("BCC", "People to blind-copy.", optional=True),
        "body": props.string(
            "Note", "Text to put above the forwarded email, e.g. `FYI, see the invoice below.`", optional=True
        ),
        "bodyType": body_type_prop(),
        "includeAttachments": props.boolean(
            "Include Attachments", "`true` (the default) to send the original's attachments along.", default=True
        ),
    },
    trim=message_ref,
)
async def forward_email(ctx):
    to = parse_addresses(ctx.props.to, "to")
    if not to:
        raise ActionError("to is empty; give at least one recipient, e.g. `[\"ada@example.com\"]`")
    message_id = ctx.props.messageId
    original = await api(ctx, "GET", f"/messages/{seg(message_id)}", params={"format": "full"})
    payload = original.get("payload") or {}
    headers = header_map(payload)
    text, original_html = message_bodies(payload)
    as_html = (ctx.props.get("bodyType") or "plaintext") == "html"
    note = ctx.props.get("body") or ""
    joiner = "<br><br>" if as_html else "\n\n"
    body = (note + joiner if note else "") + _forwarded_block(headers, text, original_html, as_html)

    forwarded = []
    if ctx.props.includeAttachments:
        found = attachments_of(payload)

        async def fetch(attachment):
            if attachment["attachmentId"]:
                path = f"/messages/{seg(message_id)}/attachments/{seg(attachment['attachmentId'])}"
                data = (await api(ctx, "GET", path)).get("data")
            else:  # small attachments come inline in the message
                part = next(p for p in walk_parts(payload) if p.get("partId") == attachment["partId"])
                data = (part.get("body") or {}).get("data")
            return attachment["filename"], attachment["mimeType"], b64url_decode(data)

        forwarded = await gather_limited(fetch, found)

    subject = headers.get("subject") or ""
    if not subject.lower().startswith(("fwd:", "fw:")):
        subject = f"Fwd: {subject}".rstrip()
    raw = await build_message(
        ctx,
        to=to,
        cc=parse_addresses(ctx.props.get("cc"), "cc"),
        bcc=parse_addresses(ctx.props.get("bcc"), "bcc"),
        subject=subject,
        body=body,
        body_type="html" if as_html else "plaintext",
        forwarded=forwarded,
    )
    sent = await api(ctx, "POST", "/messages/send", json={"raw": raw})
    extra = f" with {len(forwarded)} attachment{'s' if len(forwarded) != 1 else ''}" if forwarded else ""
    ctx.summary = f"Forwarded \"{headers.get('subject', '')}\" to {', '.join(to)}{extra}"
    return sent
