from mcp_gateway.catalog import props

from ..app import api, app, attachments_of, headers_summary, message_bodies, seg


@app.action(
    "get-email",
    title="Get Email",
    description=(
        "Read one email from the connected Gmail mailbox: its headers (from, to, cc, subject, date), its text body "
        "decoded (from the HTML part when there is no plain-text part), its labels, and its attachments' names, types, "
        "sizes and IDs for gmail-download-attachment."
    ),
    props={
        "messageId": app.definition("messageId"),
        "includeHtml": props.boolean(
            "Include HTML", "`true` to also return the HTML body as sent; `false` (the default) returns text only.",
            default=False,
        ),
        "maxBodyLength": props.integer(
            "Max Body Length",
            "The most characters of the text body to return; longer bodies are cut and `bodyTruncated` is true.",
            min=100,
            default=20000,
        ),
    },
    read_only=True,
)
async def get_email(ctx):
    message = await api(ctx, "GET", f"/messages/{seg(ctx.props.messageId)}", params={"format": "full"})
    payload = message.get("payload") or {}
    text, html = message_bodies(payload)
    limit = ctx.props.maxBodyLength
    result = {
        "id": message.get("id"),
        "threadId": message.get("threadId"),
        **headers_summary(payload),
        "labelIds": message.get("labelIds") or [],
        "snippet": message.get("snippet"),
        "body": text[:limit],
        "bodyTruncated": len(text) > limit,
        "attachments": attachments_of(payload),
    }
    if ctx.props.includeHtml:
        result["html"] = html
    ctx.summary = f"Read email \"{result.get('subject', '')}\" from {result.get('from', 'unknown sender')}"
    return result
