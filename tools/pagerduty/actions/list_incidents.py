from mcp_gateway.catalog import props, within

from ..app import app, collect, incident_summary

_STATUSES = ["triggered", "acknowledged", "resolved"]
_SORTS = ["created_at:desc", "created_at:asc", "resolved_at:desc", "incident_number:desc", "urgency:desc"]


@app.action(
    "list-incidents",
    title="List Incidents",
    description=(
        "List PagerDuty incidents, by status (e.g. only open ones: `triggered` and `acknowledged`), service, team, "
        "assigned user, urgency or time range (by default the last month; at most six months). Returns each "
        "incident's ID, number, title, status, service and assignees. For its notes, pagerduty-list-incident-notes; "
        "to change it, pagerduty-update-incident."
    ),
    props={
        "statuses": props.string_list(
            "Statuses", "Only incidents in these states: `triggered`, `acknowledged`, `resolved`.", options=_STATUSES,
            optional=True,
        ),
        "serviceIds": props.string_list(
            "Services", "Only incidents of these services, by ID (from pagerduty-list-services).",
            options=app.definition("serviceId").options, use_query=True, optional=True,
        ),
        "teamIds": app.definition("teamIds"),
        "userIds": app.definition(
            "userIds", label="Assigned To", description="Only incidents assigned to these user IDs (from pagerduty-list-users).",
        ),
        "urgencies": props.string_list("Urgencies", "`high`, `low` or both.", options=["high", "low"], optional=True),
        "since": app.definition("since"),
        "until": app.definition("until"),
        "allDates": props.boolean("Any Date", "Ignore the time range and search incidents of any date.", optional=True),
        "sortBy": props.string("Sort", "e.g. `created_at:desc` for the newest first.", options=_SORTS, optional=True),
        "limit": props.limit("incidents"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("incidents", incident_summary),
)
async def list_incidents(ctx):
    params = {}
    for prop, name in (("statuses", "statuses[]"), ("serviceIds", "service_ids[]"), ("teamIds", "team_ids[]"),
                       ("userIds", "user_ids[]"), ("urgencies", "urgencies[]")):
        if ctx.props.get(prop):
            params[name] = list(ctx.props[prop])
    for prop, name in (("since", "since"), ("until", "until"), ("sortBy", "sort_by")):
        if ctx.props.get(prop):
            params[name] = ctx.props[prop]
    if ctx.props.get("allDates"):
        params["date_range"] = "all"
    incidents, cursor = await collect(ctx, "/incidents", "incidents", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                      params=params)
    ctx.summary = f"Listed {len(incidents)} incident{'s' if len(incidents) != 1 else ''}"
    return {"incidents": incidents, "next_cursor": cursor}
