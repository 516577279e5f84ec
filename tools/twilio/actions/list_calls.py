from mcp_gateway.catalog import props

from ..app import app, call_summary, request


@app.action(
    "list-calls",
    title="List Calls",
    description=(
        "List the account's calls, newest first, optionally only those to or from a number, with a status, or "
        "started in a date range. Returns each call's SID, status, numbers, times, duration and price."
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
        "limit": app.definition("limit"),
    },
    read_only=True,
)
async def list_calls(ctx):
    params = {"PageSize": ctx.props.limit}
    for name, field in (("to", "To"), ("from", "From"), ("status", "Status"), ("startedAfter", "StartTime>"), ("startedBefore", "StartTime<")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    data = await request(ctx, "GET", "/Calls.json", params=params)
    calls = [call_summary(c) for c in data.get("calls") or []]
    more = " (more available)" if data.get("next_page_uri") else ""
    ctx.summary = f"Listed {len(calls)} call{'s' if len(calls) != 1 else ''}{more}"
    return {"calls": calls, "has_more": bool(data.get("next_page_uri"))}
