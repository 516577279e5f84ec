from mcp_gateway.catalog import ActionError, props

from ..app import app, incoming_number_summary, pairs, request

_METHODS = ["POST", "GET"]


@app.action(
    "update-phone-number",
    title="Update Phone Number",
    description=(
        "Change where one of the account's numbers sends its incoming messages and calls (the webhook URLs Twilio "
        "requests for TwiML), or its friendly name. Only the fields given change. To find the number's SID, use "
        "twilio-list-phone-numbers; to get a new number, twilio-buy-phone-number."
    ),
    props={
        "phoneNumberSid": app.definition("phoneNumberSid"),
        "friendlyName": props.string("Friendly Name", "A name for the number, up to 64 characters, e.g. `Support line`.", optional=True),
        "smsUrl": props.string(
            "Messaging Webhook", "The URL Twilio requests when the number receives a message, e.g. `https://example.com/sms`.", optional=True,
        ),
        "smsMethod": props.string("Messaging Webhook Method", "How Twilio requests `smsUrl` (POST by default).", options=_METHODS, optional=True),
        "smsFallbackUrl": props.string("Messaging Fallback URL", "Requested when `smsUrl` fails.", optional=True),
        "voiceUrl": props.string(
            "Voice Webhook", "The URL Twilio requests when the number receives a call, e.g. `https://example.com/voice`.", optional=True,
        ),
        "voiceMethod": props.string("Voice Webhook Method", "How Twilio requests `voiceUrl` (POST by default).", options=_METHODS, optional=True),
        "voiceFallbackUrl": props.string("Voice Fallback URL", "Requested when `voiceUrl` fails.", optional=True),
        "statusCallback": props.string("Call Status Callback", "A URL Twilio tells of call status changes on this number.", optional=True),
    },
    idempotent=True,
    trim=incoming_number_summary,
)
async def update_phone_number(ctx):
    fields = {
        "FriendlyName": ctx.props.get("friendlyName"),
        "SmsUrl": ctx.props.get("smsUrl"),
        "SmsMethod": ctx.props.get("smsMethod"),
        "SmsFallbackUrl": ctx.props.get("smsFallbackUrl"),
        "VoiceUrl": ctx.props.get("voiceUrl"),
        "VoiceMethod": ctx.props.get("voiceMethod"),
        "VoiceFallbackUrl": ctx.props.get("voiceFallbackUrl"),
        "StatusCallback": ctx.props.get("statusCallback"),
    }
    data = pairs(fields)
    if not data:
        raise ActionError("nothing to change: give a friendly name or a webhook URL")
    number = await request(ctx, "POST", f"/IncomingPhoneNumbers/{ctx.props.phoneNumberSid}.json", data=data)
    ctx.summary = f"Updated {number.get('phone_number')} ({', '.join(k for k, _ in data)})"
    return number
