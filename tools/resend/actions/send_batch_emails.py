from mcp_gateway.catalog import ActionError, props

from ..app import api, app, email_body, idempotency


@app.action(
    "send-batch-emails",
    title="Send Batch Emails",
    description=(
        "Send up to 100 different emails in one call, each with its own recipients, subject and body (or template). "
        "Batch emails cannot be scheduled or carry attachments. For one email, use resend-send-email. Returns the "
        "emails' IDs in the order given."
    ),
    props={
        "from": props.string("From", "The sender of every email, e.g. `Acme <onboarding@acme.com>`, unless a message "
                             "names its own `from`."),
        "messages": props.object_list(
            "Messages",
            "The emails: each an object with `to` (a list), `subject`, and `html` and/or `text` (or `templateId` with "
            "`templateVariables`); optionally `from`, `cc`, `bcc`, `replyTo`, `tags`, `headers`. E.g. "
            "`[{\"to\": [\"bob@example.com\"], \"subject\": \"Hi Bob\", \"text\": \"Hello\"}]`.",
        ),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
)
async def send_batch_emails(ctx):
    messages = ctx.props.messages
    if not 1 <= len(messages) <= 100:
        raise ActionError(f"send 1 to 100 messages at once, not {len(messages)}")
    bodies = []
    for number, message in enumerate(messages, 1):
        if message.get("scheduledAt"):
            raise ActionError(f"message {number}: batch emails cannot be scheduled; use resend-send-email for it")
        bodies.append(email_body({"from": ctx.props["from"], **message}, where=f"message {number}"))
    sent = await api(ctx, "POST", "/emails/batch", json=bodies, headers=idempotency(ctx))
    ids = [item.get("id") for item in sent.get("data") or []]
    ctx.summary = f"Resend accepted {len(ids)} of {len(bodies)} emails"
    return {"ids": ids}
