from mcp_gateway.catalog import each, props

from ..app import app, available_number_summary, count, request

# The types of number Twilio sells, and their paths under AvailablePhoneNumbers/{country}.
_TYPES = {"local": "Local", "mobile": "Mobile", "toll_free": "TollFree"}


@app.action(
    "search-available-phone-numbers",
    title="Search Available Phone Numbers",
    description=(
        "Find phone numbers Twilio has for sale in a country: local, mobile or toll-free, optionally in an area "
        "code, containing some digits, or able to send SMS/MMS. Returns up to `limit` numbers with their place and "
        "capabilities; nothing is bought. Buy one with twilio-buy-phone-number; the account's own numbers are in "
        "twilio-list-phone-numbers."
    ),
    props={
        "countryCode": props.string("Country", "The ISO country code of the numbers, e.g. `US`, `GB`, `CA`.", default="US"),
        "type": props.string("Number Type", "Which kind of number.", options=list(_TYPES), default="local"),
        "areaCode": props.integer("Area Code", "Only numbers in this area code (US and Canada), e.g. `510`.", optional=True),
        "contains": props.string(
            "Contains", "A pattern the number must match: digits, letters or `*` for any digit, e.g. `555` or `STORM`.", optional=True,
        ),
        "smsEnabled": props.boolean("Can Send SMS", "Only numbers that can send and receive SMS.", optional=True),
        "mmsEnabled": props.boolean("Can Send MMS", "Only numbers that can send and receive MMS.", optional=True),
        "voiceEnabled": props.boolean("Can Take Calls", "Only numbers that can make and receive calls.", optional=True),
        "inRegion": props.string("Region", "Only numbers in this region or state (US and Canada), e.g. `CA`.", optional=True),
        "limit": props.limit("numbers", default=20, maximum=50),
    },
    read_only=True,
    trim=each(available_number_summary),
)
async def search_available_phone_numbers(ctx):
    country = str(ctx.props.countryCode).strip().upper()
    params = {"PageSize": ctx.props.limit}
    for name, field in (("areaCode", "AreaCode"), ("contains", "Contains"), ("smsEnabled", "SmsEnabled"),
                        ("mmsEnabled", "MmsEnabled"), ("voiceEnabled", "VoiceEnabled"), ("inRegion", "InRegion")):
        value = ctx.props.get(name)
        if value is not None and value != "":
            params[field] = str(value).lower() if isinstance(value, bool) else value
    data = await request(ctx, "GET", f"/AvailablePhoneNumbers/{country}/{_TYPES[ctx.props.type]}.json", params=params)
    numbers = data.get("available_phone_numbers") or []
    ctx.summary = f"Found {count(len(numbers), 'available number')} in {country}"
    return numbers
