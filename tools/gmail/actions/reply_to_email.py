from email.utils import getaddresses

from mcp_gateway.catalog import ActionError, props

from ..app import (
    api,
    app,
    attachments_prop,
    body_type_prop,
    build_message,
    header_map,
    message_metadata,
    parse_addresses,
)

_REPLY_HEADERS = ["Subject", "From", "To", "Cc", "Reply-To", "Message-ID", "References"]


def _addresses(*values):
    return [(name, address) for name, address in getaddresses([v for v in values if v]) if "@" in address]


def _unique(pairs, skip):
    seen, out = set(skip), []
    for name, address in pairs:
        key = address.lower()
        if key not in seen:
            seen.add(key)
            out.append(f"{name} <{address}>" if name else address)
    return out


@app.action(
    "reply-to-email",
    title="Reply to Email",
    description=(
        "Reply to an email in its Gmail thread, as the connected user: the reply goes to the sender (or to everyone "
        "on the email with replyAll), with a `Re:` subject and the headers that keep it in the same conversation. "
        "Can attach files from /tmp, or save the reply as a draft instead of sending it. To write to new people "
        "or start a new conversation, use gmail-send-email; to pass the email on to someone else, gmail-forward-email. "
        "Returns the reply's IDs and recipients."
    ),
    props={
        "messageId": app.definition("messageId", description=(
            "The Gmail ID of the email to answer, e.g. `18f2a3b4c5d6e7f8`, as returned by gmail-find-email."
        )),
        "body": props.string("Body", "The reply text (HTML when bodyType is `html`). The original is not quoted."),
        "bodyType": body_type_prop(),
        "replyAll": props.boolean(
            "Reply All",
            "`true` to reply to the sender and everyone else on the To and CC lines; `false` (the default) for the sender only.",
            default=False,
        ),
        "cc": props.string_list(
            "Extra CC", "More people to copy, e.g. `[\"ada@example.com\"]`.", optional=True
        ),
        "bcc": props.string_list("BCC", "People to blind-copy, e.g. `[\"ada@example.com\"]`.", optional=True),
        "attachments": attachments_prop(),
        "saveAsDraft": props.boolean(
            "Save as Draft",
            "`true` to save the reply as a draft in the thread for the user to review; `false` (the default) sends it.",
            default=False,
        ),
    },
    stash="optional",
)
async def reply_to_email(ctx):
    original = await message_metadata(ctx, ctx.props.messageId, _REPLY_HEADERS)
    headers = header_map(original.get("payload"))
    me = ((await api(ctx, "GET", "/profile")).get("emailAddress") or "").lower()

    sender = _addresses(headers.get("from"))
    if sender and sender[0][1].lower() == me:
        # Answering one's own message continues it to the same people.
        primary = _addresses(headers.get("to"))
    else:
        primary = _addresses(headers.get("reply-to")) or sender
    to = _unique(primary, {me})
    cc = []
    if ctx.props.replyAll:
        to += _unique(_addresses(headers.get("to")), {me, *(a.lower() for _, a in primary)})
        cc = _unique(_addresses(headers.get("cc")), {me, *(a.lower() for _, a in _addresses(*to))})
    cc += parse_addresses(ctx.props.get("cc"), "cc")
    if not to:
        raise ActionError("the email has no sender or recipients to reply to")

    subject = headers.get("subject") or ""
    if not subject.lower().startswith("re:"):
        subject = f"Re: {subject}".rstrip()
    message_id = headers.get("message-id")
    references = " ".join(r for r in (headers.get("references"), message_id) if r) or None
    raw = await build_message(
        ctx,
        to=to,
        cc=cc,
        bcc=parse_addresses(ctx.props.get("bcc"), "bcc"),
        subject=subject,
        body=ctx.props.body,
        body_type=ctx.props.get("bodyType") or "plaintext",
        attachments=ctx.props.get("attachments"),
        in_reply_to=message_id,
        references=references,
    )
    message = {"raw": raw, "threadId": original.get("threadId")}
    if ctx.props.saveAsDraft:
        draft = await api(ctx, "POST", "/drafts", json={"message": message})
        saved = draft.get("message") or {}
        ctx.summary = f"Saved a draft reply to \"{headers.get('subject', '')}\" for {', '.join(to)}"
        return {"draftId": draft.get("id"), "id": saved.get("id"), "threadId": saved.get("threadId"), "to": to, "cc": cc}
    sent = await api(ctx, "POST", "/messages/send", json=message)
    ctx.summary = f"Replied to \"{headers.get('subject', '')}\" ({', '.join(to)})"
    return {"id": sent.get("id"), "threadId": sent.get("threadId"), "to": to, "cc": cc, "subject": subject}
