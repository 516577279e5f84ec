from ..app import api, app, event_summary, events_path


@app.action(
    "get-event",
    title="Get Event",
    description=(
        "Read one Google Calendar event: title, description, start and end, location, organizer, attendees with "
        "their responses, recurrence, Meet link and web link. To find events by time or text, use "
        "google_calendar-list-events."
    ),
    props={"calendarId": app.definition("calendarId"), "eventId": app.definition("eventId")},
    read_only=True,
    trim=event_summary,
)
async def get_event(ctx):
    event = await api(ctx, "GET", events_path(ctx.props.calendarId, ctx.props.eventId))
    ctx.summary = f"Read event \"{event.get('summary') or '(no title)'}\""
    return event
