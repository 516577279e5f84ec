from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, event_summary, plural, user_uri


@app.action(
    "list-scheduled-events",
    title="List Scheduled Events",
    description=(
        "List the meetings booked with a Calendly user (or across an organization), by time range, status or invitee "
        "email. For who booked a meeting and their answers use calendly_v2-list-event-invitees; to call one off, "
        "calendly_v2-cancel-scheduled-event."
    ),
    props={
        "user": app.definition("user"),
        "organization": app.definition("organization"),
        "status": props.string("Status", "Only `active` (still on) or `canceled` meetings.", options=["active", "canceled"], optional=True),
        "minStartTime": props.string("Starting From", "Only meetings starting at or after this moment, ISO 8601, e.g. `2026-12-01T00:00:00Z`.", optional=True),
        "maxStartTime": props.string("Starting Before", "Only meetings starting before this moment, ISO 8601.", optional=True),
        "inviteeEmail": props.string("Invitee Email", "Only meetings this person booked, by their email.", optional=True),
        "sort": props.string(
            "Order", "`start_time:asc` (soonest first, the default) or `start_time:desc`.",
            options=["start_time:asc", "start_time:desc"], optional=True,
        ),
        "limit": props.limit("meetings"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("events", event_summary),
)
async def list_scheduled_events(ctx):
    if ctx.props.get("user") and ctx.props.get("organization"):
        raise ActionError("give a user or an organization, not both")
    params = ({"organization": ctx.props.organization} if ctx.props.get("organization")
              else {"user": ctx.props.get("user") or await user_uri(ctx)})
    for prop, field in (("status", "status"), ("minStartTime", "min_start_time"), ("maxStartTime", "max_start_time"),
                        ("inviteeEmail", "invitee_email"), ("sort", "sort")):
        if ctx.props.get(prop):
            params[field] = ctx.props[prop]
    events, token = await collect(ctx, "/scheduled_events", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(events), 'meeting')}"
    return {"events": events, "next_cursor": token}
