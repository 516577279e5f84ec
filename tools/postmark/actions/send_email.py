from mcp_gateway.catalog import ActionError, props

from ..app import addresses, api, app, send_result


@app.action(
    "send-email",
    title="Send Email",
    description=(
        "Send one email through Postmark with the subject and body written here (HTML, text or both). To send from a "
        "template stored in Postmark use postmark-send-email-with-template; for many different emails at once, "
        "postmark-send-batch-emails. Returns the Postmark message ID, for postmark-get-message later."
    ),
    props={
        "from": app.definition("from"),
        "to": app.definition("to"),
        "subject": props.string("Subject", "The subject line."),
        "htmlBody": props.string("HTML Body", "The body as HTML. Give this, the text body, or both.", optional=True),
        "textBody": props.string("Text Body", "The body as plain text.", optional=True),
        "cc": props.string_list("Cc", "Addresses to copy.", optional=True),
        "bcc": props.string_list("Bcc", "Addresses to copy blindly.", optional=True),
        "replyTo": props.string("Reply To", "Where replies go, if not to the sender.", optional=True),
        "tag": props.string("Tag", "One tag to group the message in statistics and searches, e.g. `password-reset`.", optional=True),
        "trackOpens": props.boolean("Track Opens", "Record when the email is opened (HTML emails only).", optional=True),
        "metadata": props.obj("Metadata", "Up to 10 string key/value pairs kept with the message, e.g. `{\"order\": \"1042\"}`.", optional=True),
        "messageStream": app.definition("messageStream"),
    },
    trim=send_result,
)
async def send_email(ctx):
    if not ctx.props.get("htmlBody") and not ctx.props.get("textBody"):
        raise ActionError("give the email a body: htmlBody, textBody or both")
    body = {"From": ctx.props["from"], "To": addresses(ctx.props.to), "Subject": ctx.props.subject}
    for prop, field in (("htmlBody", "HtmlBody"), ("textBody", "TextBody"), ("replyTo", "ReplyTo"), ("tag", "Tag"),
                        ("messageStream", "MessageStream")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    for prop, field in (("cc", "Cc"), ("bcc", "Bcc")):
        if ctx.props.get(prop):
            body[field] = addresses(ctx.props[prop])
    if ctx.props.get("trackOpens") is not None:
        body["TrackOpens"] = bool(ctx.props.trackOpens)
    if ctx.props.get("metadata"):
        body["Metadata"] = {str(k): str(v) for k, v in ctx.props.metadata.items()}
    sent = await api(ctx, "POST", "/email", json=body)
    ctx.summary = f"Sent {ctx.props.subject!r} to {body['To']}"
    return sent
