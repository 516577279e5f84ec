from mcp_gateway.catalog import ActionError, props

from ..app import app, message_summary, pairs, request


@app.action(
    "send-sms",
    title="Send SMS",
    description=(
        "Send a text message (SMS) from one of the account's Twilio numbers or a Messaging Service. Twilio queues "
        "it; the result has the message SID and status (`queued`, later `sent`/`delivered`), which "
        "twilio-get-message checks. "
        "For pictures use twilio-send-mms; for WhatsApp, twilio-send-whatsapp-message."
    ),
    props={
        "to": app.definition("to"),
        "from": app.definition("from", optional=True, description=(
            "The Twilio number to send from, in E.164 format, e.g. `+15017122661`. Use this or "
            "`messagingServiceSid`. The choices list the account's numbers."
        )),
        "messagingServiceSid": props.string(
            "Messaging Service SID",
            "Send through a Messaging Service instead of one number, e.g. `MGXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`; Twilio picks the sender.",
            optional=True,
        ),
        "body": props.string("Message", "The text to send, up to 1,600 characters (long texts are split into segments)."),
        "statusCallback": app.definition("statusCallback"),
    },
    trim=message_summary,
)
async def send_sms(ctx):
    sender, service = ctx.props.get("from"), ctx.props.get("messagingServiceSid")
    if not (sender or service):
        raise ActionError("give a `from` number or a messagingServiceSid to send from")
    data = pairs({
        "To": ctx.props.to,
        "From": sender,
        "MessagingServiceSid": service,
        "Body": ctx.props.body,
        "StatusCallback": ctx.props.get("statusCallback"),
    })
    message = await request(ctx, "POST", "/Messages.json", data=data)
    ctx.summary = f"Sent SMS {message.get('sid')} to {message.get('to')} ({message.get('status')})"
    return message
