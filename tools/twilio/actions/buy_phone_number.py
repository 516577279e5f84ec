from mcp_gateway.catalog import ActionError, props

from ..app import app, incoming_number_summary, pairs, request


@app.action(
    "buy-phone-number",
    title="Buy Phone Number",
    description=(
        "Buy a phone number for the account (billed monthly from its balance): a number found with "
        "twilio-search-available-phone-numbers, or any available one in a US or Canadian area code. Optionally "
        "set its webhooks at once; change them later with twilio-update-phone-number. Returns the new number and its SID."
    ),
    props={
        "phoneNumber": props.string(
            "Phone Number", "The number to buy in E.164 format, e.g. `+15105550100`, from twilio-search-available-phone-numbers. "
            "Use this or `areaCode`.", optional=True,
        ),
        "areaCode": props.string("Area Code", "Buy any available number in this US or Canadian area code, e.g. `510`.", optional=True),
        "friendlyName": props.string("Friendly Name", "A name for the number, e.g. `Support line`.", optional=True),
        "smsUrl": props.string("Messaging Webhook", "The URL Twilio requests when the number receives a message.", optional=True),
        "voiceUrl": props.string("Voice Webhook", "The URL Twilio requests when the number receives a call.", optional=True),
    },
    trim=incoming_number_summary,
)
async def buy_phone_number(ctx):
    number, area = ctx.props.get("phoneNumber"), ctx.props.get("areaCode")
    if bool(number) == bool(area):
        raise ActionError("give either the phone number to buy or an area code (one of them)")
    data = pairs({
        "PhoneNumber": number,
        "AreaCode": area,
        "FriendlyName": ctx.props.get("friendlyName"),
        "SmsUrl": ctx.props.get("smsUrl"),
        "VoiceUrl": ctx.props.get("voiceUrl"),
    })
    bought = await request(ctx, "POST", "/IncomingPhoneNumbers.json", data=data)
    ctx.summary = f"Bought {bought.get('phone_number')} ({bought.get('sid')})"
    return bought
