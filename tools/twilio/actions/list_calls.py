from mcp_gateway.catalog import props, within

from ..app import app, call_summary, collect, count


@app.action(
    "list-calls",
    title="List Calls",
    description=(
        "List the account's calls, newest first, optionally only those to or from a number, with a status, or "
        "started in a date range. Returns each call's SID, status, numbers, times, duration and price, and a "
        "`next_cursor` when more exist. For one call by SID, use twilio-get-call; for its audio, twilio-list-recordings."
    ),
    props={
        "to": props.string("To", "Only calls to this number, e.g. `+14155552671`.", optional=True),
        "from": props.string("From", "Only calls from this number, e.g. `+15017122661`.", optional=True),
        "status": props.string(
            "Status", "Only calls with this status.",
            options=["queued", "ringing", "in-progress", "canceled", "completed", "failed", "busy", "no-answer"],
            optional=True,
        ),
        "startedAfter": props.string("Started On or After", "Only calls started on or after this date (UTC), `YYYY-MM-DD`.", optional=True),
        "startedBefore": props.string("Started On or Before", "Only calls started on or before this date (UTC), `YYYY-MM-DD`.", optional=True),
        "limit": props.limit("calls"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("calls", call_summary),
)
async def list_calls(ctx):
    params = {}
    for name, field in (("to", "To"), ("from", "From"), ("status", "Status"), ("startedAfter", "StartTime>"), ("startedBefore", "StartTime<")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    calls, following = await collect(ctx, "/Calls.json", "calls", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {count(len(calls), 'call')}{more}"
    return {"calls": calls, "next_cursor": following}
