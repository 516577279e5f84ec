from datetime import datetime

from mcp_gateway.catalog import ActionError, props

from ..app import Clock, api, app, event_summary, events_path


@app.action(
    "list-events",
    title="List Events",
    description=(
        "List the events of a Google Calendar in a time range, in start order, with recurring events expanded into "
        "their occurrences; optionally only those matching a text search. Returns each event's ID, title, start, end, "
        "location, attendees and Meet link."
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
        "maxResults": props.integer("Max Results", "The most events to return (1-250).", min=1, max=250, default=50),
        "pageToken": props.string(
            "Page Token", "The `nextPageToken` of a previous call with the same range, for the next page.", optional=True
        ),
    },
    read_only=True,
)
async def list_events(ctx):
    calendar_id = ctx.props.calendarId
    clock = Clock(ctx, calendar_id, ctx.props.get("timeZone"))
    params = {"singleEvents": "true", "orderBy": "startTime", "maxResults": ctx.props.maxResults}
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
    if ctx.props.get("pageToken"):
        params["pageToken"] = ctx.props.pageToken
    data = await api(ctx, "GET", events_path(calendar_id), params=params)
    events = [event_summary(e) for e in data.get("items") or []]
    more = " (more with nextPageToken)" if data.get("nextPageToken") else ""
    ctx.summary = f"Found {len(events)} event{'s' if len(events) != 1 else ''} on {data.get('summary') or calendar_id}{more}"
    return {"events": events, "nextPageToken": data.get("nextPageToken"), "timeZone": data.get("timeZone")}
