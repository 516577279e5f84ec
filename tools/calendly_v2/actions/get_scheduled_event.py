from ..app import api, app, event_summary, uuid_of


@app.action(
    "get-scheduled-event",
    title="Get Scheduled Event",
    description=(
        "Read one booked Calendly meeting: its name, time, status, location or video link, hosts and any cancellation. "
        "For the people who booked it use calendly_v2-list-event-invitees."
    ),
    props={"event": app.definition("event")},
    read_only=True,
    trim=event_summary,
)
async def get_scheduled_event(ctx):
    event = (await api(ctx, "GET", f"/scheduled_events/{uuid_of(ctx.props.event, 'meeting')}")).get("resource") or {}
    ctx.summary = f"Read the meeting {event.get('name')!r} at {event.get('start_time')}"
    return event
