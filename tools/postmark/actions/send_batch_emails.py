from mcp_gateway.catalog import ActionError, each, props

from ..app import addresses, api, app, send_result

# Postmark takes up to 500 messages in one batch call.
MAX_BATCH = 500


@app.action(
    "send-batch-emails",
    title="Send Batch Emails",
    description=(
        "Send several different emails in one call (up to 500), each with its own recipients, subject and body. Each "
        "message gets its own result: one bad address fails only its message. For one email use postmark-send-email."
    ),
    props={
        "from": app.definition("from", description="The sender of every message: a confirmed sender signature or domain."),
        "messages": props.object_list(
            "Messages",
            "The emails, each `{\"to\": [\"bob@example.com\"], \"subject\": \"...\", \"htmlBody\": \"...\", "
            "\"textBody\": \"...\", \"tag\": \"...\"}` (a body, HTML or text, is required).",
        ),
        "messageStream": app.definition("messageStream"),
    },
    trim=each(send_result),
)
async def send_batch_emails(ctx):
    messages = list(ctx.props.messages)
    if not messages or len(messages) > MAX_BATCH:
        raise ActionError(f"give between 1 and {MAX_BATCH} messages (got {len(messages)})")
    batch = []
    for n, message in enumerate(messages, 1):
        if not message.get("to") or not message.get("subject") or not (message.get("htmlBody") or message.get("textBody")):
            raise ActionError(f"message {n} needs `to`, `subject` and `htmlBody` or `textBody`")
        item = {"From": ctx.props["from"], "To": addresses(message["to"]), "Subject": message["subject"]}
        for key, field in (("htmlBody", "HtmlBody"), ("textBody", "TextBody"), ("tag", "Tag")):
            if message.get(key):
                item[field] = message[key]
        if ctx.props.get("messageStream"):
            item["MessageStream"] = ctx.props.messageStream
        batch.append(item)
    results = await api(ctx, "POST", "/email/batch", json=batch)
    failed = sum(1 for r in results if r.get("ErrorCode"))
    ctx.summary = f"Sent {len(results) - failed} of {len(results)} emails" + (f"; {failed} refused" if failed else "")
    return results
