from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, event_type_summary, plural, user_uri


@app.action(
    "list-event-types",
    title="List Event Types",
    description=(
        "List the kinds of meeting a Calendly user offers (e.g. \"30 Minute Meeting\"), with their booking page URL, "
        "length and URI. Use the URI with calendly_v2-list-available-times for open slots or "
        "calendly_v2-create-scheduling-link for a one-time link."
    ),
    props={
        "user": app.definition("user"),
        "organization": app.definition("organization"),
        "active": props.boolean("Active Only", "Only event types that are switched on (true) or off (false).", optional=True),
        "limit": props.limit("event types"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("event_types", event_type_summary),
)
async def list_event_types(ctx):
    if ctx.props.get("user") and ctx.props.get("organization"):
        raise ActionError("give a user or an organization, not both")
    params = ({"organization": ctx.props.organization} if ctx.props.get("organization")
              else {"user": ctx.props.get("user") or await user_uri(ctx)})
    if ctx.props.get("active") is not None:
        params["active"] = str(bool(ctx.props.active)).lower()
    event_types, token = await collect(ctx, "/event_types", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(event_types), 'event type')}"
    return {"event_types": event_types, "next_cursor": token}
