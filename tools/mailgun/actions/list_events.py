from mcp_gateway.catalog import props, within

from ..app import app, epoch, event_summary, seg, url_page

_EVENTS = ["accepted", "rejected", "delivered", "failed", "opened", "clicked", "unsubscribed", "complained", "stored"]


@app.action(
    "list-events",
    title="List Events",
    description=(
        "List what happened to a domain's email, newest first: accepted, delivered, failed (bounced), opened, clicked, "
        "unsubscribed, complained. Filter by recipient, message ID (from mailgun-send-email), type or time range. "
        "For the addresses Mailgun no longer sends to, use mailgun-list-suppressions."
    ),
    props={
        "domain": app.definition("domain"),
        "event": props.string("Event", "Only events of this type; `failed` covers bounces and drops.", options=_EVENTS,
                              optional=True),
        "recipient": props.string("Recipient", "Only events for this recipient address.", optional=True),
        "messageId": props.string("Message ID", "Only events of this message: the ID mailgun-send-email returned, without "
                                  "its angle brackets.", optional=True),
        "begin": props.string("From", "Only events at or after this ISO 8601 time or date, e.g. `2026-12-01`. With it, "
                              "events come oldest first.", optional=True),
        "end": props.string("Until", "Only events before this ISO 8601 time or date.", optional=True),
        "limit": props.limit("events"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("events", event_summary),
)
async def list_events(ctx):
    params = {}
    for prop, field in (("event", "event"), ("recipient", "recipient")):
        if ctx.props.get(prop):
            params[field] = ctx.props[prop].strip()
    if ctx.props.get("messageId"):
        params["message-id"] = ctx.props.messageId.strip().strip("<>")
    if ctx.props.get("begin"):
        params["begin"] = epoch(ctx.props.begin, "begin")
        if not ctx.props.get("end"):
            # Mailgun needs a direction when the range has no end.
            params["ascending"] = "yes"
    if ctx.props.get("end"):
        params["end"] = epoch(ctx.props.end, "end")
    events, following = await url_page(ctx, f"/v3/{seg(ctx.props.domain)}/events", limit=ctx.props.limit,
                                       cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(events)} event{'s' if len(events) != 1 else ''} of {ctx.props.domain}"
    return {"events": events, "next_cursor": following}
