from mcp_gateway.catalog import props

from ..app import api, app


@app.action(
    "send-sms",
    title="Send SMS",
    description=(
        "Send one text message through Brevo to a mobile number. It uses the account's SMS credits (see "
        "brevo-get-account). Content with a `[STOP_CODE]` is sent as marketing."
    ),
    props={
        "sender": props.string("Sender", "The name or number shown as sender: 11 letters and digits at most, or 15 digits."),
        "recipient": props.string("Recipient", "The mobile number with its country code, e.g. `33680065433` for France."),
        "content": props.string("Content", "The text; past 160 characters it goes as several messages."),
        "type": props.string("Type", "`transactional` (the default) or `marketing`.", options=["transactional", "marketing"],
                             optional=True),
        "tag": props.string("Tag", "A tag to find the message by later.", optional=True),
        "unicodeEnabled": props.boolean("Unicode", "Send the text as Unicode (needed for emoji and non-Latin letters).",
                                        optional=True),
        "organisationPrefix": props.string("Brand Prefix", "The brand name put before the text; US carriers ask for it.",
                                           optional=True),
    },
)
async def send_sms(ctx):
    body = {"sender": ctx.props.sender.strip(), "recipient": ctx.props.recipient.strip().lstrip("+"),
            "content": ctx.props.content}
    for prop in ("type", "tag", "organisationPrefix"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    if ctx.props.get("unicodeEnabled") is not None:
        body["unicodeEnabled"] = bool(ctx.props.unicodeEnabled)
    sent = await api(ctx, "POST", "/transactionalSMS/send", json=body)
    ctx.summary = f"Brevo accepted the SMS to {body['recipient']}"
    return {"messageId": sent.get("messageId")}
