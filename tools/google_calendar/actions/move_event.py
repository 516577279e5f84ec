from mcp_gateway.catalog import props

from ..app import api, app, calendar_options, event_summary, events_path


@app.action(
    "move-event",
    title="Move Event to Another Calendar",
    description=(
        "Move an event from one Google Calendar to another the user can edit, e.g. from `primary` to a team calendar; "
        "its time, guests and ID stay the same, and the destination calendar becomes its organizer. To change the "
        "event's time instead, use google_calendar-update-event. Returns the event as it is afterwards."
    ),
    props={
        "calendarId": app.definition("calendarId", label="From Calendar", description=(
            "The calendar the event is on now: `primary` (the default) or an ID from google_calendar-list-calendars."
        )),
        "eventId": app.definition("eventId"),
        "destination": props.string(
            "To Calendar",
            "The calendar to move it to, e.g. `team@group.calendar.google.com`, from google_calendar-list-calendars "
            "(one where the user's access role is writer or owner).",
            options=calendar_options,
        ),
        "sendUpdates": app.definition("sendUpdates"),
    },
    idempotent=True,
    trim=event_summary,
)
async def move_event(ctx):
    event = await api(
        ctx,
        "POST",
        f"{events_path(ctx.props.calendarId, ctx.props.eventId)}/move",
        params={"destination": ctx.props.destination, "sendUpdates": ctx.props.sendUpdates},
    )
    ctx.summary = f"Moved event \"{event.get('summary') or '(no title)'}\" to {ctx.props.destination}"
    return event
