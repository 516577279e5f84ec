from datetime import timedelta

from mcp_gateway.catalog import ActionError, props

from ..app import (
    START_NOTE,
    Clock,
    api,
    app,
    attendee_list,
    duration,
    event_summary,
    events_path,
    meet_request,
    shifted,
    when,
)


def reminder_overrides(minutes):
    if minutes is None:
        return None
    values = list(minutes)
    if any(m < 0 or m > 40320 for m in values):
        raise ActionError("reminderMinutes must be between 0 and 40320 (four weeks)")
    return {"useDefault": False, "overrides": [{"method": "popup", "minutes": m} for m in values[:5]]}


@app.action(
    "create-event",
    title="Create Event",
    description=(
        "Create an event on a Google Calendar: a meeting at a time or an all-day event, optionally with guests (who "
        "get an invitation), a Google Meet link, a location, a description, a recurrence rule and reminders. Returns "
        "the event's ID, times, web link and Meet link. To create one from a sentence such as `Lunch tomorrow at noon`, "
        "use google_calendar-quick-add-event."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "summary": props.string("Title", "The event's title, e.g. `Design review`."),
        "start": props.string("Start", f"When the event starts. {START_NOTE}"),
        "end": props.string(
            "End",
            "When the event ends, in the same form as Start, e.g. `2024-06-03T16:00:00`. For an all-day event the end "
            "date is exclusive: `2024-06-04` for an event on June 3 only. Defaults to one hour after a start time, or "
            "the next day after a start date.",
            optional=True,
        ),
        "timeZone": app.definition("timeZone"),
        "description": props.string("Description", "Notes shown in the event; simple HTML is allowed.", optional=True),
        "location": props.string(
            "Location", "Where it happens, e.g. `Room 4B` or `1600 Amphitheatre Pkwy, Mountain View`.", optional=True
        ),
        "attendees": props.string_list(
            "Guests",
            "Email addresses of the people to invite, e.g. `[\"ada@example.com\", \"alan@example.com\"]`.",
            optional=True,
        ),
        "addMeet": props.boolean(
            "Add Google Meet", "`true` to attach a new Google Meet video call link to the event.", default=False
        ),
        "recurrence": props.string_list(
            "Recurrence",
            "For a repeating event, RFC 5545 rules, e.g. `[\"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\"]` or "
            "`[\"RRULE:FREQ=DAILY;UNTIL=20240630T000000Z\"]`.",
            optional=True,
        ),
        "reminderMinutes": props.integer_list(
            "Reminders",
            "Pop-up reminders, in minutes before the start, e.g. `[10, 60]` (at most 5). Leave empty for the "
            "calendar's default reminders.",
            optional=True,
        ),
        "colorId": app.definition("colorId"),
        "sendUpdates": app.definition("sendUpdates"),
    },
    trim=event_summary,
)
async def create_event(ctx):
    calendar_id = ctx.props.calendarId
    clock = Clock(ctx, calendar_id, ctx.props.get("timeZone"))
    start = await clock.event_time(ctx.props.start, "start")
    if ctx.props.get("end"):
        end = await clock.event_time(ctx.props.end, "end")
    else:
        end = shifted(start, timedelta(days=1) if "date" in start else timedelta(hours=1))
    length = duration(start, end)
    if length is None:
        raise ActionError("start and end must both be dates (all-day) or both be date-times")
    if length <= timedelta(0):
        raise ActionError(f"end ({ctx.props.end}) must be after start ({ctx.props.start})")
    recurrence = [r.strip() for r in ctx.props.get("recurrence") or [] if r.strip()]
    if recurrence and "dateTime" in start and "timeZone" not in start:
        # Google needs a named time zone to expand a repeating event.
        name = await clock.zone_name()
        start, end = {**start, "timeZone": name}, {**end, "timeZone": name}

    body = {"summary": ctx.props.summary, "start": start, "end": end}
    for key in ("description", "location", "colorId"):
        if ctx.props.get(key):
            body[key] = ctx.props[key]
    if ctx.props.get("attendees"):
        body["attendees"] = attendee_list(ctx.props.attendees)
    if recurrence:
        body["recurrence"] = recurrence
    reminders = reminder_overrides(ctx.props.get("reminderMinutes"))
    if reminders:
        body["reminders"] = reminders
    params = {"sendUpdates": ctx.props.sendUpdates}
    if ctx.props.addMeet:
        body["conferenceData"] = meet_request()
        params["conferenceDataVersion"] = 1
    event = await api(ctx, "POST", events_path(calendar_id), params=params, json=body)
    guests = len(body.get("attendees") or [])
    extra = f" with {guests} guest{'s' if guests != 1 else ''}" if guests else ""
    ctx.summary = f"Created event \"{event.get('summary')}\" starting {when(event)}{extra}"
    return event
