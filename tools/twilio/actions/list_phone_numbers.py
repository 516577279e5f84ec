from mcp_gateway.catalog import props

from ..app import app, number_summary, request


@app.action(
    "list-phone-numbers",
    title="List Phone Numbers",
    description=(
        "List the phone numbers the Twilio account owns, with what each can do (voice, SMS, MMS). Use one as the "
        "`from` number for messages and calls."
    ),
    props={
        "phoneNumber": props.string(
            "Number Contains", "Only numbers containing these digits, e.g. `415` or `+14155552671`.", optional=True,
        ),
        "limit": app.definition("limit"),
    },
    read_only=True,
)
async def list_phone_numbers(ctx):
    params = {"PageSize": ctx.props.limit}
    if ctx.props.get("phoneNumber"):
        params["PhoneNumber"] = ctx.props.phoneNumber
    data = await request(ctx, "GET", "/IncomingPhoneNumbers.json", params=params)
    numbers = [number_summary(n) for n in data.get("incoming_phone_numbers") or []]
    ctx.summary = f"Listed {len(numbers)} phone number{'s' if len(numbers) != 1 else ''}"
    return {"phone_numbers": numbers, "has_more": bool(data.get("next_page_uri"))}
