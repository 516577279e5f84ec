from mcp_gateway.catalog import ActionError, props, within

from ..app import app, event_summary, graph_list, seg

FIELDS = "id,subject,start,end,isAllDay,location,organizer,attendees,isOnlineMeeting,onlineMeeting,bodyPreview,webLink"


@app.action(
    "list-events",
    title="List Calendar Events",
    description=(
        "List events of the connected user's calendar. With a start and end time, returns every event and "
        "recurring occurrence in that window, earliest first; without, the calendar's events by start time. "
        "Each has subject, start and end, location, organizer, attendees and the online meeting link. Returns "
        "`events` and a `next_cursor` when more exist. To book a meeting use microsoft_outlook-create-event."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "startDateTime": props.string(
            "From", "Start of the window, ISO 8601, e.g. `2024-05-01T00:00:00Z` or `2024-05-01T00:00:00-07:00`.", optional=True
        ),
        "endDateTime": props.string("To", "End of the window, ISO 8601, e.g. `2024-05-08T00:00:00Z`.", optional=True),
        "timeZone": props.string(
            "Time Zone",
            "Show times in this time zone, e.g. `Pacific Standard Time` or `Europe/Berlin`. Defaults to UTC.",
            optional=True,
        ),
        "limit": props.limit("events"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("events", event_summary),
)
async def list_events(ctx):
    start, end = ctx.props.get("startDateTime"), ctx.props.get("endDateTime")
    if bool(start) != bool(end):
        raise ActionError("give both startDateTime and endDateTime for a time window, or neither")
    base = f"/me/calendars/{seg(ctx.props.calendarId)}" if ctx.props.get("calendarId") else "/me"
    params = {"$select": FIELDS, "$orderby": "start/dateTime"}
    if start:
        path = f"{base}/calendarView"
        params.update(startDateTime=start, endDateTime=end)
    else:
        path = f"{base}/events"
    headers = {"Prefer": f'outlook.timezone="{ctx.props.timeZone}"'} if ctx.props.get("timeZone") else None
    events, next_cursor = await graph_list(ctx, path, params, headers=headers)
    window = f" between {start} and {end}" if start else ""
    ctx.summary = f"Listed {len(events)} event(s){window}" + (" (more available)" if next_cursor else "")
    return {"events": events, "next_cursor": next_cursor}
