from mcp_gateway.catalog import props

from ..app import api, app, event_summary, issue_path, seg


@app.action(
    "get-issue-event",
    title="Get Issue Event",
    description=(
        "Read one event of a Sentry issue, by default the latest: the exception type and message with the stack "
        "frames of the app's own code nearest the crash (file, function, line and that line's code), tags, user, "
        "request URL and release. Use it to see why an issue happens; sentry-list-issue-events lists other events."
    ),
    props={
        "organization": app.definition("organization"),
        "issueId": app.definition("issueId"),
        "eventId": props.string(
            "Event",
            "`latest` (the default), `oldest`, `recommended` (the most useful sample), or an event ID from "
            "sentry-list-issue-events, e.g. `9999aaaaca8b46d797c23c6077c6ff01`.",
            optional=True,
            default="latest",
        ),
        "environment": app.definition("environment"),
    },
    read_only=True,
    trim=event_summary,
)
async def get_issue_event(ctx):
    params = {"environment": list(ctx.props.environment)} if ctx.props.get("environment") else None
    event_id = ctx.props.get("eventId") or "latest"
    event = await api(ctx, "GET", issue_path(ctx.props.organization, ctx.props.issueId, f"events/{seg(event_id)}/"),
                      params=params)
    ctx.summary = f"Read event {event.get('eventID') or event_id} of issue {ctx.props.issueId}: {event.get('title')}"
    return event
