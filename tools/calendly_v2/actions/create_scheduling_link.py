from ..app import api, app, event_type_uri


def _link(answer):
    resource = answer.get("resource") or {}
    return {"booking_url": resource.get("booking_url"), "owner": resource.get("owner"), "owner_type": resource.get("owner_type")}


@app.action(
    "create-scheduling-link",
    title="Create Single-Use Scheduling Link",
    description=(
        "Make a booking link for one Calendly event type that works for a single booking, to send to one person. "
        "For the event type's reusable page, use the `scheduling_url` from calendly_v2-list-event-types instead."
    ),
    props={"eventType": app.definition("eventType")},
    trim=_link,
)
async def create_scheduling_link(ctx):
    body = {"max_event_count": 1, "owner": event_type_uri(ctx.props.eventType), "owner_type": "EventType"}
    answer = await api(ctx, "POST", "/scheduling_links", json=body)
    ctx.summary = f"Created the link {(answer.get('resource') or {}).get('booking_url')}"
    return answer
