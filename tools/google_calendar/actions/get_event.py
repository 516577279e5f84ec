from ..app import api, app, event_summary, events_path


@app.action(
    "get-event",
    title="Get Event",
    description=(
        "Read one Google Calendar event: title, description, start and end, location, organizer, attendees with "
        "their responses, recurrence, Meet link and web link."
    ),
    props={"calendarId": app.definition("calendarId"), "eventId": app.definition("eventId")},
    read_only=True,
)
async def get_event(ctx):
    event = await api(ctx, "GET", events_path(ctx.props.calendarId, ctx.props.eventId))
    ctx.summary = f"Read event \"{event.get('summary') or '(no title)'}\""
    return event_summary(event)
