from mcp_gateway.catalog import props, within

from ..app import TIME_OFF_STATUSES, api, app, date, time_off_summary, window


@app.action(
    "list-time-off-requests",
    title="List Time-Off Requests",
    description=(
        "List BambooHR time-off requests that overlap a date range, with who asked, the type (vacation, sick...), dates, "
        "amount, status and notes; optionally only some statuses, one employee, or those the key's owner may approve. "
        "To approve or deny one, pass its `id` to bamboohr-update-time-off-request-status. For a calendar of who is "
        "away, bamboohr-list-whos-out is simpler."
    ),
    props={
        "start": props.string("From", "The first day of the range, `YYYY-MM-DD`."),
        "end": props.string("To", "The last day of the range, `YYYY-MM-DD`."),
        "status": props.string_list("Status", "Only requests with these statuses, e.g. `[\"requested\"]` for those waiting.",
                                    options=TIME_OFF_STATUSES, optional=True),
        "employeeId": app.definition("employeeId", optional=True,
                                     description="Only this employee's requests (an ID from bamboohr-list-employees)."),
        "toApprove": props.boolean("Only Ones I Can Approve",
                                   "Only requests the API key's owner may approve or deny.", optional=True, default=False),
        "limit": props.limit("requests"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("requests", time_off_summary),
)
async def list_time_off_requests(ctx):
    params = {"start": date(ctx.props.start, "start"), "end": date(ctx.props.end, "end")}
    if ctx.props.get("status"):
        params["status"] = ",".join(ctx.props.status)
    if ctx.props.get("employeeId"):
        params["employeeId"] = str(ctx.props.employeeId).strip()
    if ctx.props.get("toApprove"):
        params["action"] = "approve"
    found = await api(ctx, "GET", "/time_off/requests", params=params) or []
    shown, following = window(found, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(shown)} of {len(found)} time-off request{'s' if len(found) != 1 else ''}"
    return {"requests": shown, "total": len(found), "next_cursor": following}
