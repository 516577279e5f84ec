from mcp_gateway.catalog import props

from ..app import MESSAGE_FIELDS, address_of, app, graph, html_to_text, message_summary, seg


@app.action(
    "get-message",
    title="Get Email",
    description=(
        "Read one email in full: sender, all recipients, subject, time, body and its attachments' IDs, names "
        "and sizes (save one with microsoft_outlook-download-attachment)."
    ),
    props={
        "messageId": app.definition("messageId"),
        "bodyType": props.string(
            "Body Format",
            "`text` (the default) returns the body as plain text; `html` returns it as HTML.",
            options=["text", "html"],
            default="text",
        ),
    },
    read_only=True,
)
async def get_message(ctx):
    path = f"/me/messages/{seg(ctx.props.messageId)}"
    fields = MESSAGE_FIELDS + ",ccRecipients,bccRecipients,replyTo,sentDateTime,body,internetMessageId"
    headers = {"Prefer": f'outlook.body-content-type="{ctx.props.bodyType}"'}
    message = await graph(ctx, "GET", path, params={"$select": fields}, headers=headers)
    out = message_summary(message)
    out.pop("bodyPreview", None)
    body = message.get("body") or {}
    content = body.get("content") or ""
    if ctx.props.bodyType == "text" and str(body.get("contentType")).lower() == "html":
        content = html_to_text(content)
    out.update(
        {
            "cc": [address_of(r) for r in message.get("ccRecipients") or []],
            "bcc": [address_of(r) for r in message.get("bccRecipients") or []],
            "replyTo": [address_of(r) for r in message.get("replyTo") or []],
            "sentDateTime": message.get("sentDateTime"),
            "internetMessageId": message.get("internetMessageId"),
            "body": content,
            "bodyType": body.get("contentType"),
            "attachments": [],
        }
    )
    if message.get("hasAttachments"):
        listed = await graph(ctx, "GET", f"{path}/attachments", params={"$select": "id,name,contentType,size,isInline"})
        out["attachments"] = [
            {k: a.get(k) for k in ("id", "name", "contentType", "size", "isInline")} for a in listed.get("value") or []
        ]
    ctx.summary = f"Read \"{message.get('subject')}\" from {out['from']}" + (
        f" with {len(out['attachments'])} attachment(s)" if out["attachments"] else ""
    )
    return out
