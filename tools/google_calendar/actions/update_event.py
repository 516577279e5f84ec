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
)

_FIELDS = (
    "summary",
    "description",
    "location",
    "start",
    "end",
    "attendees",
    "addAttendees",
    "removeAttendees",
    "addMeet",
    "colorId",
)
_CHANGED = ("summary", "start", "end", "description", "location", "attendees", "conferenceData", "colorId")


@app.action(
    "update-event",
    title="Update Event",
    description=(
        "Change an existing Google Calendar event: only the fields given change. Move it (a new start keeps the "
        "event's length unless an end is given), rename it, change its description or location, replace, add or "
        "remove guests, set its colour, or add a Google Meet link. Guests are notified according to sendUpdates. To move "
        "it to another calendar, use google_calendar-move-event; to answer an invitation, "
        "google_calendar-respond-to-event. Returns the updated event."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "eventId": app.definition("eventId"),
        "summary": props.string("Title", "The new title, e.g. `Design review (moved)`.", optional=True),
        "start": props.string("Start", f"The new start. {START_NOTE}", optional=True),
        "end": props.string(
            "End",
            "The new end, in the same form as Start. Leave empty to keep the event's length when moving its start.",
            optional=True,
        ),
        "timeZone": app.definition("timeZone"),
        "description": props.string("Description", "The new description (replaces the old one).", optional=True),
        "location": props.string("Location", "The new location (replaces the old one).", optional=True),
        "attendees": props.string_list(
            "Guests",
            "The complete new guest list, replacing the current one, e.g. `[\"ada@example.com\"]`. To add or remove "
            "a few people, use addAttendees or removeAttendees instead.",
            optional=True,
        ),
        "addAttendees": props.string_list(
            "Add Guests", "Email addresses to invite in addition to the current guests.", optional=True
        ),
        "removeAttendees": props.string_list(
            "Remove Guests", "Email addresses to take off the guest list.", optional=True
        ),
        "addMeet": props.boolean(
            "Add Google Meet", "`true` to attach a new Google Meet link if the event has none.", optional=True
        ),
        "colorId": app.definition("colorId"),
        "sendUpdates": app.definition("sendUpdates"),
    },
    destructive=True,
    idempotent=True,
    trim=event_summary,
)
async def update_event(ctx):
    # An empty guest list is a change (it removes everyone); an empty string or `addMeet: false` is not.
    given = [f for f in _FIELDS if ctx.props.get(f) is not None and ctx.props.get(f) != "" and ctx.props.get(f) is not False]
    if not given:
        raise ActionError(f"nothing to change: give at least one of {', '.join(_FIELDS)}")
    if ctx.props.get("attendees") is not None and (ctx.props.get("addAttendees") or ctx.props.get("removeAttendees")):
        raise ActionError("give either attendees (the whole new list) or addAttendees/removeAttendees, not both")
    calendar_id, event_id = ctx.props.calendarId, ctx.props.eventId
    path = events_path(calendar_id, event_id)
    needs_current = (
        (ctx.props.get("start") and not ctx.props.get("end"))
        or ctx.props.get("addAttendees")
        or ctx.props.get("removeAttendees")
        or ctx.props.get("addMeet")
    )
    current = await api(ctx, "GET", path) if needs_current else {}

    clock = Clock(ctx, calendar_id, ctx.props.get("timeZone"))
    body = {}
    for key in ("summary", "description", "location", "colorId"):
        if ctx.props.get(key) is not None:
            body[key] = ctx.props[key]
    if ctx.props.get("start"):
        body["start"] = await clock.event_time(ctx.props.start, "start")
    if ctx.props.get("end"):
        body["end"] = await clock.event_time(ctx.props.end, "end")
    if "start" in body and "end" not in body:
        length = duration(current.get("start") or {}, current.get("end") or {})
        if length is None or ("date" in body["start"]) != ("date" in (current.get("start") or {})):
            raise ActionError(
                "give the new end too: the event's length cannot be kept when switching between all-day and timed"
            )
        body["end"] = shifted(body["start"], length)
    if "start" in body and "end" in body:
        length = duration(body["start"], body["end"])
        if length is None or length.total_seconds() <= 0:
            raise ActionError("the new end must be after the new start, and both dates or both date-times")

    if ctx.props.get("attendees") is not None:
        body["attendees"] = attendee_list(ctx.props.attendees)
    elif ctx.props.get("addAttendees") or ctx.props.get("removeAttendees"):
        guests = list(current.get("attendees") or [])
        known = {str(g.get("email", "")).lower() for g in guests}
        for guest in attendee_list(ctx.props.get("addAttendees"), "addAttendees"):
            if guest["email"].lower() not in known:
                guests.append(guest)
                known.add(guest["email"].lower())
        removed = {g["email"].lower() for g in attendee_list(ctx.props.get("removeAttendees"), "removeAttendees")}
        body["attendees"] = [g for g in guests if str(g.get("email", "")).lower() not in removed]

    params = {"sendUpdates": ctx.props.sendUpdates}
    if ctx.props.get("addMeet") and not current.get("conferenceData"):
        body["conferenceData"] = meet_request()
        params["conferenceDataVersion"] = 1
    if not body:
        event = current  # only asked for a Meet link the event already has
    else:
        event = await api(ctx, "PATCH", path, params=params, json=body)
    changed = ", ".join(k for k in _CHANGED if k in body)
    ctx.summary = f"Updated event \"{event.get('summary') or '(no title)'}\" ({changed or 'no changes needed'})"
    return event
