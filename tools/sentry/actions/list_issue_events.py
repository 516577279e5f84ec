from mcp_gateway.catalog import props, within

from ..app import app, collect, issue_path, list_event_summary


@app.action(
    "list-issue-events",
    title="List Issue Events",
    description=(
        "List the events (single occurrences) of a Sentry issue, newest first, with their IDs, times, tags and user, "
        "optionally filtered by a search such as `user.email:jane@example.com`. For one event's stack trace, pass its "
        "ID to sentry-get-issue-event."
    ),
    props={
        "organization": app.definition("organization"),
        "issueId": app.definition("issueId"),
        "query": props.string("Query", "Sentry search over the events, e.g. `browser.name:Chrome`.", optional=True),
        "environment": app.definition("environment"),
        "statsPeriod": app.definition("statsPeriod"),
        "limit": props.limit("events"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("events", list_event_summary),
)
async def list_issue_events(ctx):
    params = {name: ctx.props[name] for name in ("query", "statsPeriod") if ctx.props.get(name)}
    if ctx.props.get("environment"):
        params["environment"] = list(ctx.props.environment)
    events, cursor = await collect(ctx, issue_path(ctx.props.organization, ctx.props.issueId, "events/"),
                                   limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(events)} event{'s' if len(events) != 1 else ''} of issue {ctx.props.issueId}"
    return {"events": events, "next_cursor": cursor}
