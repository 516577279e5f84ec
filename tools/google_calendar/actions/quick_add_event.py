from mcp_gateway.catalog import props

from ..app import api, app, event_summary, events_path, when


@app.action(
    "quick-add-event",
    title="Quick Add Event",
    description=(
        "Create a Google Calendar event from one line of text, the way Google Calendar's quick add reads it, e.g. "
        "`Lunch with Ada at Cafe Roma tomorrow 12pm-1pm` or `Dentist June 3 at 4pm`. Use google_calendar-create-event "
        "for exact times, guests or Meet links. Returns the event as Google understood it."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "text": props.string(
            "Text", "The event in plain English, with its title, date, time and place, e.g. `Team sync Friday 10am`."
        ),
        "sendUpdates": app.definition("sendUpdates"),
    },
    trim=event_summary,
)
async def quick_add_event(ctx):
    event = await api(
        ctx,
        "POST",
        f"{events_path(ctx.props.calendarId)}/quickAdd",
        params={"text": ctx.props.text, "sendUpdates": ctx.props.sendUpdates},
    )
    ctx.summary = f"Created event \"{event.get('summary') or '(no title)'}\" starting {when(event)}"
    return event
