from mcp_gateway.catalog import ActionError, props

from ..app import app, graph, recipients, seg


@app.action(
    "forward-email",
    title="Forward Email",
    description=(
        "Forward an email, with its attachments, to other people, with an optional note above it. The forward "
        "is saved in Sent Items. To answer the sender instead use microsoft_outlook-reply-to-email; to write a "
        "new message, microsoft_outlook-send-email."
    ),
    props={
        "messageId": app.definition("messageId"),
        "to": app.definition("to", description="Who to forward to, e.g. `[\"ada@example.com\"]`."),
        "comment": props.string(
            "Note", "Text to put above the forwarded message, e.g. `FYI, see the numbers below.`", optional=True
        ),
    },
)
async def forward_email(ctx):
    to = recipients(ctx.props.to, "to")
    if not to:
        raise ActionError("give at least one recipient in `to`")
    body = {"toRecipients": to}
    if ctx.props.get("comment"):
        body["comment"] = ctx.props.comment
    await graph(ctx, "POST", f"/me/messages/{seg(ctx.props.messageId)}/forward", json_body=body)
    addresses = [r["emailAddress"]["address"] for r in to]
    ctx.summary = f"Forwarded message {ctx.props.messageId[:24]}... to {', '.join(addresses)}"
    return {"forwarded": True, "messageId": ctx.props.messageId, "to": addresses}
