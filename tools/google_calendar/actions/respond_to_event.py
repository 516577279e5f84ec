from mcp_gateway.catalog import ActionError, props

from ..app import api, app, event_summary, events_path

_ANSWERS = {"accepted": "Accepted", "declined": "Declined", "tentative": "Tentatively accepted"}


@app.action(
    "respond-to-event",
    title="Respond to Event Invitation",
    description=(
        "Answer an invitation to a Google Calendar event as the connected user: accept, decline or maybe (tentative), "
        "with an optional note to the organizer. To change the event itself (as its organizer), use "
        "google_calendar-update-event. Returns the event with the guests' responses."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "eventId": app.definition("eventId"),
        "response": props.string(
            "Response", "`accepted`, `declined` or `tentative` (maybe).", options=list(_ANSWERS)
        ),
        "comment": props.string("Note", "A short note for the organizer, e.g. `Running 5 minutes late`.", optional=True),
        "sendUpdates": app.definition("sendUpdates", description=(
            "Who gets an email about the response: `all` (the default, which tells the organizer), `externalOnly` "
            "or `none`."
        )),
    },
    idempotent=True,
    trim=event_summary,
)
async def respond_to_event(ctx):
    if ctx.props.response not in _ANSWERS:
        raise ActionError(f"response {ctx.props.response!r} must be one of {', '.join(_ANSWERS)}")
    path = events_path(ctx.props.calendarId, ctx.props.eventId)
    event = await api(ctx, "GET", path)
    attendees = [dict(a) for a in event.get("attendees") or []]
    me = next((a for a in attendees if a.get("self")), None)
    if me is None:
        raise ActionError(
            "the connected user is not on this event's guest list, so there is no invitation to answer"
        )
    if me.get("organizer"):
        raise ActionError("the connected user organizes this event; organizers do not respond to their own events")
    me["responseStatus"] = ctx.props.response
    if ctx.props.get("comment"):
        me["comment"] = ctx.props.comment
    updated = await api(
        ctx, "PATCH", path, params={"sendUpdates": ctx.props.sendUpdates}, json={"attendees": attendees}
    )
    ctx.summary = f"{_ANSWERS[ctx.props.response]} \"{updated.get('summary') or '(no title)'}\""
    return updated
