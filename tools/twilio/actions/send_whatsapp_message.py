import json

from mcp_gateway.catalog import ActionError, props

from ..app import app, message_summary, pairs, request


def whatsapp(number):
    number = str(number).strip()
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


@app.action(
    "send-whatsapp-message",
    title="Send WhatsApp Message",
    description=(
        "Send a WhatsApp message from the account's WhatsApp sender. Free text (and media) works within 24 hours "
        "of the person's last message; to start a conversation, send an approved template with `contentSid` "
        "and its variables. Returns the message SID and status. "
        "For SMS, use twilio-send-sms."
    ),
    props={
        "to": app.definition("to", description=(
            "The recipient's WhatsApp number in E.164 format, e.g. `+14155552671` (`whatsapp:` is added)."
        )),
        "from": app.definition("from", description=(
            "The WhatsApp-enabled Twilio sender in E.164 format, e.g. `+14155238886` (`whatsapp:` is added). "
            "The choices list the account's numbers."
        )),
        "body": props.string("Message", "The text to send (free-form messages only).", optional=True),
        "mediaUrl": props.string("Media URL", "A public https URL of an image, document or audio to send.", optional=True),
        "contentSid": props.string(
            "Template (Content SID)",
            "An approved WhatsApp template from the Content Template Builder, e.g. `HXb5b62575e6e4ff6129ad7c8efe1f983e`.",
            optional=True,
        ),
        "contentVariables": props.obj(
            "Template Variables",
            "Values for the template's placeholders, keyed by their number, e.g. `{\"1\": \"12/1\", \"2\": \"3pm\"}`.",
            optional=True,
        ),
        "statusCallback": app.definition("statusCallback"),
    },
    trim=message_summary,
)
async def send_whatsapp_message(ctx):
    body, media, template = ctx.props.get("body"), ctx.props.get("mediaUrl"), ctx.props.get("contentSid")
    if not (body or media or template):
        raise ActionError("give a message body, a media URL or a template (contentSid)")
    if ctx.props.get("contentVariables") and not template:
        raise ActionError("template variables need a template (contentSid)")
    variables = ctx.props.get("contentVariables")
    data = pairs({
        "To": whatsapp(ctx.props.to),
        "From": whatsapp(ctx.props["from"]),
        "Body": body,
        "MediaUrl": media,
        "ContentSid": template,
        "ContentVariables": json.dumps(variables) if variables else None,
        "StatusCallback": ctx.props.get("statusCallback"),
    })
    message = await request(ctx, "POST", "/Messages.json", data=data)
    what = f"template {template}" if template else "message"
    ctx.summary = f"Sent WhatsApp {what} {message.get('sid')} to {message.get('to')} ({message.get('status')})"
    return message
