from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, entry_summary, offset


@app.action(
    "list-time-entries",
    title="List Time Entries",
    description=(
        "List the user's time entries, newest first, between two dates (both or neither; without them Toggl returns "
        "the recent ones). A running entry has `running` true. For only the running one use "
        "toggl-get-current-time-entry."
    ),
    props={
        "startDate": props.string("Start Date", "First day, `YYYY-MM-DD` (or an RFC 3339 time).", optional=True),
        "endDate": props.string("End Date", "End of the range, `YYYY-MM-DD` (or an RFC 3339 time): entries that start before it.",
                                 optional=True),
        "limit": props.limit("time entries"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("time_entries", entry_summary),
)
async def list_time_entries(ctx):
    if bool(ctx.props.get("startDate")) != bool(ctx.props.get("endDate")):
        raise ActionError("give both startDate and endDate, or neither")
    params = {}
    if ctx.props.get("startDate"):
        params = {"start_date": ctx.props.startDate.strip(), "end_date": ctx.props.endDate.strip()}
    # Toggl returns the whole range at once; the cursor is an offset into it.
    entries = await api(ctx, "GET", "/me/time_entries", params=params) or []
    start = offset(ctx.props.get("cursor"))
    page = entries[start:start + ctx.props.limit]
    following = start + len(page)
    ctx.summary = f"Listed {len(page)} of {len(entries)} time entries"
    return {"time_entries": page, "total": len(entries), "next_cursor": str(following) if following < len(entries) else None}
