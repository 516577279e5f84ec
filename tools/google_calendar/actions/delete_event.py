from ..app import api, app, events_path


@app.action(
    "delete-event",
    title="Delete Event",
    description=(
        "Delete an event from a Google Calendar (for a recurring event's ID, the whole series). Guests are told it was "
        "cancelled according to sendUpdates. This cannot be undone from the API. To drop a single "
        "occurrence of a repeating event, pass that occurrence's ID from google_calendar-list-event-instances."
    ),
    props={
        "calendarId": app.definition("calendarId"),
        "eventId": app.definition("eventId"),
        "sendUpdates": app.definition("sendUpdates"),
    },
    destructive=True,
    idempotent=True,
)
async def delete_event(ctx):
    await api(
        ctx,
        "DELETE",
        events_path(ctx.props.calendarId, ctx.props.eventId),
        params={"sendUpdates": ctx.props.sendUpdates},
    )
    ctx.summary = f"Deleted event {ctx.props.eventId} from {ctx.props.calendarId}"
    return {"deleted": True, "eventId": ctx.props.eventId, "calendarId": ctx.props.calendarId}
