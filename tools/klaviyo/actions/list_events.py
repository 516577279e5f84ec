from mcp_gateway.catalog import props, within

from ..app import app, collect, equals, event_summary


@app.action(
    "list-events",
    title="List Events",
    description=(
        "List what people did in Klaviyo (events such as Placed Order or Opened Email), newest first, optionally only "
        "one metric's, one profile's, or those since a time. Returns each event's time, metric, profile and "
        "properties. To record an event use klaviyo-create-event."
    ),
    props={
        "metricId": app.definition("metricId", description="Only events of this metric (its ID; the options list the metrics)."),
        "profileId": app.definition("profileId", optional=True, description="Only events of this profile (its ID)."),
        "since": props.string("Since", "Only events at or after this ISO 8601 time, e.g. `2026-12-01T00:00:00Z`.",
                              optional=True),
        "limit": props.limit("events"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("events", event_summary),
)
async def list_events(ctx):
    clauses = []
    if ctx.props.get("metricId"):
        clauses.append(equals("metric_id", ctx.props.metricId))
    if ctx.props.get("profileId"):
        clauses.append(equals("profile_id", ctx.props.profileId))
    if ctx.props.get("since"):
        clauses.append(f"greater-or-equal(datetime,{ctx.props.since})")
    params = {"sort": "-datetime"}
    if clauses:
        params["filter"] = ",".join(clauses)
    events, token = await collect(ctx, "/events", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params,
                                   page_size=ctx.props.limit)
    ctx.summary = f"Listed {len(events)} event{'s' if len(events) != 1 else ''}"
    return {"events": events, "next_cursor": token}
