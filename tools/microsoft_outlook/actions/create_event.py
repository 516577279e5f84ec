from mcp_gateway.catalog import props

from ..app import app, event_summary, graph, item_body, recipients, seg


@app.action(
    "create-event",
    title="Create Calendar Event",
    description=(
        "Create an event in the connected user's calendar; attendees get an invitation. Optionally makes it a "
        "Teams online meeting. To see what is already booked use microsoft_outlook-list-events. Returns the "
        "event with its ID and links."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "subject": props.string("Subject", "The event's title, e.g. `Design review`."),
        "start": props.string("Start", "When it starts, as local date and time in timeZone, e.g. `2024-05-02T14:00:00`."),
        "end": props.string("End", "When it ends, as local date and time in timeZone, e.g. `2024-05-02T15:00:00`."),
        "timeZone": props.string(
            "Time Zone",
            "The time zone of start and end, e.g. `Pacific Standard Time`, `Europe/Berlin` or `UTC` (the default).",
            default="UTC",
        ),
        "body": props.string("Description", "The event's description or agenda.", optional=True),
        "bodyType": app.definition("bodyType"),
        "location": props.string("Location", "Where it takes place, e.g. `Conference Room 2`.", optional=True),
        "attendees": props.string_list(
            "Attendees", "Addresses to invite as required attendees, e.g. `[\"ada@example.com\"]`.", optional=True
        ),
        "isOnlineMeeting": props.boolean(
            "Teams Meeting", "`true` adds a Microsoft Teams meeting link (work or school accounts).", optional=True
        ),
        "isAllDay": props.boolean(
            "All Day",
            "`true` for an all-day event; start and end must then be midnights, e.g. `2024-05-02T00:00:00` to "
            "`2024-05-03T00:00:00`.",
            optional=True,
        ),
    },
    trim=event_summary,
)
async def create_event(ctx):
    event = {
        "subject": ctx.props.subject,
        "start": {"dateTime": ctx.props.start, "timeZone": ctx.props.timeZone},
        "end": {"dateTime": ctx.props.end, "timeZone": ctx.props.timeZone},
    }
    if ctx.props.get("body"):
        event["body"] = item_body(ctx.props.body, ctx.props.bodyType)
    if ctx.props.get("location"):
        event["location"] = {"displayName": ctx.props.location}
    if ctx.props.get("attendees"):
        event["attendees"] = [{**r, "type": "required"} for r in recipients(ctx.props.attendees, "attendees")]
    if ctx.props.get("isOnlineMeeting"):
        event["isOnlineMeeting"] = True
        event["onlineMeetingProvider"] = "teamsForBusiness"
    if ctx.props.get("isAllDay"):
        event["isAllDay"] = True
    path = f"/me/calendars/{seg(ctx.props.calendarId)}/events" if ctx.props.get("calendarId") else "/me/events"
    created = await graph(ctx, "POST", path, json_body=event)
    ctx.summary = f"Created event \"{created.get('subject')}\" starting {ctx.props.start} ({ctx.props.timeZone})"
    return created
