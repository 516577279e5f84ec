from datetime import datetime

from mcp_gateway.catalog import ActionError, props, within

from ..app import Clock, app, collect, event_summary, events_path


@app.action(
    "list-events",
    title="List Events",
    description=(
        "List the events of a Google Calendar in a time range, in start order, with recurring events expanded into "
        "their occurrences; optionally only those matching a text search. Returns each event's ID, title, start, end, "
        "location, attendees and Meet link. For the occurrences of one repeating event, use "
        "google_calendar-list-event-instances; to see only when people are busy, google_calendar-find-free-busy."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "timeMin": props.string(
            "From",
            "The start of the range: events ending after this are included. An ISO 8601 date-time such as "
            "`2024-06-03T00:00:00` (read in timeZone or the calendar's time zone), `2024-06-03T00:00:00Z`, or a date "
            "`2024-06-03` (midnight). Leave empty for no lower bound.",
            optional=True,
        ),
        "timeMax": props.string(
            "To",
            "The end of the range: events starting before this are included, in the same formats as From, e.g. "
            "`2024-06-10`. Leave empty for no upper bound.",
            optional=True,
        ),
        "q": props.string(
            "Search",
            "Free text to match in the events' title, description, location, attendees and organizer, e.g. `standup`.",
            optional=True,
        ),
        "timeZone": app.definition("timeZone"),
        "limit": props.limit("events"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("events", event_summary),
)
async def list_events(ctx):
    calendar_id = ctx.props.calendarId
    clock = Clock(ctx, calendar_id, ctx.props.get("timeZone"))
    params = {"singleEvents": "true", "orderBy": "startTime"}
    if ctx.props.get("timeMin"):
        params["timeMin"] = await clock.instant(ctx.props.timeMin, "timeMin")
    if ctx.props.get("timeMax"):
        params["timeMax"] = await clock.instant(ctx.props.timeMax, "timeMax")
    if "timeMin" in params and "timeMax" in params and (
        datetime.fromisoformat(params["timeMin"]) >= datetime.fromisoformat(params["timeMax"])
    ):
        raise ActionError(f"timeMax ({ctx.props.timeMax}) must be after timeMin ({ctx.props.timeMin})")
    if ctx.props.get("q"):
        params["q"] = ctx.props.q
    if ctx.props.get("timeZone"):
        params["timeZone"] = ctx.props.timeZone
    events, token, page = await collect(
        ctx, events_path(calendar_id), limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params
    )
    more = " (more with next_cursor)" if token else ""
    ctx.summary = f"Found {len(events)} event{'s' if len(events) != 1 else ''} on {page.get('summary') or calendar_id}{more}"
    return {"events": events, "next_cursor": token, "timeZone": page.get("timeZone")}
