from mcp_gateway.catalog import props, within

from ..app import app, collect, count, usage_record_summary


@app.action(
    "list-usage-records",
    title="List Usage Records",
    description=(
        "Report what the account used and spent per usage category (SMS, calls, phone numbers, recordings...) "
        "over a date range: each record's count, usage, unit and price. Leave the dates empty for the account's "
        "whole history, or pick a category such as `sms` or `calls` for one line. To see single messages or calls, "
        "use twilio-list-messages or twilio-list-calls instead."
    ),
    props={
        "category": props.string(
            "Category",
            "Only this usage category, e.g. `sms`, `sms-outbound`, `mms`, `calls`, `calls-outbound`, `phonenumbers`, "
            "`recordings` or `totalprice`.",
            optional=True,
        ),
        "startDate": props.string(
            "Start Date", "First day to count, `YYYY-MM-DD`, or a relative one such as `-30days`.", optional=True,
        ),
        "endDate": props.string("End Date", "Last day to count, `YYYY-MM-DD`, or `today`.", optional=True),
        "limit": props.limit("usage records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("usage_records", usage_record_summary),
)
async def list_usage_records(ctx):
    params = {}
    for name, field in (("category", "Category"), ("startDate", "StartDate"), ("endDate", "EndDate")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    records, following = await collect(
        ctx, "/Usage/Records.json", "usage_records", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params
    )
    ctx.summary = f"Listed {count(len(records), 'usage record')}"
    return {"usage_records": records, "next_cursor": following}
