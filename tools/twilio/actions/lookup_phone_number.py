from mcp_gateway.catalog import props

from ..app import app, lookup_summary, lookup_url, request


@app.action(
    "lookup-phone-number",
    title="Look Up Phone Number",
    description=(
        "Check a phone number with Twilio Lookup: whether it is valid, its E.164 and national formats and "
        "country. Optional data packages (billed per lookup) add the line type and carrier "
        "(`line_type_intelligence`) or the caller name (`caller_name`, US only). "
        "To see the numbers this account owns, use twilio-list-phone-numbers instead."
    ),
    props={
        "phoneNumber": props.string(
            "Phone Number",
            "The number to look up, in E.164 format (e.g. `+14159929960`) or national format with `countryCode` (e.g. `(415) 992-9960`).",
        ),
        "countryCode": props.string(
            "Country Code", "With a national-format number: its ISO country code, e.g. `US`.", optional=True,
        ),
        "fields": props.string_list(
            "Data Packages",
            "Extra, paid data to fetch, e.g. `[\"line_type_intelligence\"]`. Leave empty for the free validation only.",
            options=["line_type_intelligence", "caller_name", "sim_swap", "call_forwarding", "line_status",
                     "identity_match", "reassigned_number", "sms_pumping_risk", "phone_number_quality_score"],
            optional=True,
        ),
    },
    read_only=True,
    trim=lookup_summary,
)
async def lookup_phone_number(ctx):
    params = {}
    if ctx.props.get("fields"):
        params["Fields"] = ",".join(ctx.props.fields)
    if ctx.props.get("countryCode"):
        params["CountryCode"] = ctx.props.countryCode.upper()
    data = await request(ctx, "GET", lookup_url(ctx.props.phoneNumber), params=params or None)
    line = (data.get("line_type_intelligence") or {}).get("type")
    validity = "valid" if data.get("valid") else "not valid"
    extra = f", {line}" if line else ""
    ctx.summary = f"{data.get('phone_number') or ctx.props.phoneNumber} is {validity} ({data.get('country_code')}{extra})"
    return data
