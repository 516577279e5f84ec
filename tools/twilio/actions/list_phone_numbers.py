from mcp_gateway.catalog import props, within

from ..app import app, collect, count, number_summary


@app.action(
    "list-phone-numbers",
    title="List Phone Numbers",
    description=(
        "List the phone numbers the Twilio account owns, with each one's SID, what it can do (voice, SMS, MMS) and "
        "its webhook URLs. Use a number as the `from` of messages and calls, or its `sid` with "
        "twilio-update-phone-number. To find new numbers to buy, use twilio-search-available-phone-numbers."
    ),
    props={
        "phoneNumber": props.string(
            "Number Contains", "Only numbers containing these digits, e.g. `415` or `+14155552671`.", optional=True,
        ),
        "friendlyName": props.string("Friendly Name", "Only numbers with exactly this friendly name.", optional=True),
        "limit": props.limit("phone numbers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("phone_numbers", number_summary),
)
async def list_phone_numbers(ctx):
    params = {}
    if ctx.props.get("phoneNumber"):
        params["PhoneNumber"] = ctx.props.phoneNumber
    if ctx.props.get("friendlyName"):
        params["FriendlyName"] = ctx.props.friendlyName
    numbers, following = await collect(
        ctx, "/IncomingPhoneNumbers.json", "incoming_phone_numbers", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params
    )
    ctx.summary = f"Listed {count(len(numbers), 'phone number')}"
    return {"phone_numbers": numbers, "next_cursor": following}
