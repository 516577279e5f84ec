from datetime import datetime

from mcp_gateway.catalog import ActionError, props, within

from ..app import Clock, app, collect, event_summary, events_path


@app.action(
    "list-event-instances",
    title="List Occurrences of Repeating Event",
    description=(
        "List the occurrences of one repeating Google Calendar event, in order, optionally within a time range. Each "
        "occurrence has its own ID, which google_calendar-update-event and google_calendar-delete-event take to change "
        "or cancel that one date alone. To list all events in a range, use google_calendar-list-events."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "eventId": app.definition("eventId", description=(
            "The ID of the repeating event (the series), e.g. `5qe8a1k2b3c4d5e6f7g8h9i0jk`: the `recurringEventId` "
            "of an occurrence from google_calendar-list-events, or the ID returned when the series was created."
        )),
        "timeMin": props.string(
            "From",
            "Only occurrences ending after this: an ISO 8601 date-time such as `2024-06-03T00:00:00` (read in "
            "timeZone or the calendar's time zone), `2024-06-03T00:00:00Z`, or a date `2024-06-03`.",
            optional=True,
        ),
        "timeMax": props.string(
            "To", "Only occurrences starting before this, in the same forms, e.g. `2024-07-01`.", optional=True
        ),
        "timeZone": app.definition("timeZone"),
        "limit": props.limit("occurrences"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("events", event_summary),
)
async def list_event_instances(ctx):
    calendar_id = ctx.props.calendarId
    clock = Clock(ctx, calendar_id, ctx.props.get("timeZone"))
    params = {}
    if ctx.props.get("timeMin"):
        params["timeMin"] = await clock.instant(ctx.props.timeMin, "timeMin")
    if ctx.props.get("timeMax"):
        params["timeMax"] = await clock.instant(ctx.props.timeMax, "timeMax")
    if "timeMin" in params and "timeMax" in params and (
        datetime.fromisoformat(params["timeMin"]) >= datetime.fromisoformat(params["timeMax"])
    ):
        raise ActionError(f"timeMax ({ctx.props.timeMax}) must be after timeMin ({ctx.props.timeMin})")
    if ctx.props.get("timeZone"):
        params["timeZone"] = ctx.props.timeZone
    events, token, page = await collect(
        ctx,
        f"{events_path(calendar_id, ctx.props.eventId)}/instances",
        limit=ctx.props.limit,
        cursor=ctx.props.get("cursor"),
        params=params,
    )
    title = events[0].get("summary") if events else ctx.props.eventId
    more = " (more with next_cursor)" if token else ""
    ctx.summary = f"Listed {len(events)} occurrence{'s' if len(events) != 1 else ''} of \"{title}\"{more}"
    return {"events": events, "next_cursor": token, "timeZone": page.get("timeZone")}
