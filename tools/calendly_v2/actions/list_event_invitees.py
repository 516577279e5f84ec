from mcp_gateway.catalog import props, within

from ..app import app, collect, invitee_summary, plural, uuid_of


@app.action(
    "list-event-invitees",
    title="List Event Invitees",
    description=(
        "List who booked one Calendly meeting: name, email, time zone, their answers to the booking questions, and "
        "their cancel and reschedule links. To find the meeting use calendly_v2-list-scheduled-events."
    ),
    props={
        "event": app.definition("event"),
        "status": props.string("Status", "Only `active` or `canceled` invitees.", options=["active", "canceled"], optional=True),
        "email": props.string("Email", "Only the invitee with this email.", optional=True),
        "limit": props.limit("invitees"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("invitees", invitee_summary),
)
async def list_event_invitees(ctx):
    params = {name: ctx.props[name] for name in ("status", "email") if ctx.props.get(name)}
    invitees, token = await collect(ctx, f"/scheduled_events/{uuid_of(ctx.props.event, 'meeting')}/invitees",
                                    limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(invitees), 'invitee')}"
    return {"invitees": invitees, "next_cursor": token}
