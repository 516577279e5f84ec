from ..app import api, app, email_detail, seg


@app.action(
    "get-email",
    title="Get Email",
    description=(
        "Read one email from the connected Gmail mailbox by its ID: its headers (from, to, cc, subject, date), its "
        "text body decoded (from the HTML part when there is no plain-text part, cut at 20,000 characters with "
        "`bodyTruncated`), its labels, and its attachments' names, types, sizes and IDs for gmail-download-attachment. "
        "To read the whole conversation it belongs to, use gmail-get-thread; `fullResponse` returns Gmail's raw MIME "
        "tree with every header and the HTML part."
    ),
    props={"messageId": app.definition("messageId")},
    read_only=True,
    trim=email_detail,
)
async def get_email(ctx):
    message = await api(ctx, "GET", f"/messages/{seg(ctx.props.messageId)}", params={"format": "full"})
    found = email_detail(message)
    ctx.summary = f"Read email \"{found.get('subject', '')}\" from {found.get('from', 'unknown sender')}"
    return message
