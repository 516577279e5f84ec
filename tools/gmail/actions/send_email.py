from mcp_gateway.catalog import ActionError

from ..app import api, app, build_message, compose_props, message_ref, parse_addresses


@app.action(
    "send-email",
    title="Send Email",
    description=(
        "Send an email from the connected Gmail account, in plain text or HTML, with optional CC/BCC, reply-to "
        "and file attachments from /tmp. To answer an existing email in its thread, use gmail-reply-to-email instead; to pass an email on, "
        "gmail-forward-email; to send a saved draft, gmail-send-draft. Returns the sent message's ID and thread ID."
    ),
    props=compose_props(),
    stash="optional",
    trim=message_ref,
)
async def send_email(ctx):
    to = parse_addresses(ctx.props.to, "to")
    if not to:
        raise ActionError("to is empty; give at least one recipient, e.g. `[\"ada@example.com\"]`")
    raw = await build_message(
        ctx,
        to=to,
        cc=parse_addresses(ctx.props.get("cc"), "cc"),
        bcc=parse_addresses(ctx.props.get("bcc"), "bcc"),
        reply_to=parse_addresses(ctx.props.get("replyTo"), "replyTo"),
        subject=ctx.props.subject,
        body=ctx.props.body,
        body_type=ctx.props.get("bodyType") or "plaintext",
        from_name=ctx.props.get("fromName"),
        attachments=ctx.props.get("attachments"),
    )
    sent = await api(ctx, "POST", "/messages/send", json={"raw": raw})
    count = len(ctx.props.get("attachments") or [])
    extra = f" with {count} attachment{'s' if count != 1 else ''}" if count else ""
    ctx.summary = f"Sent \"{ctx.props.subject}\" to {', '.join(to)}{extra}"
    return sent
