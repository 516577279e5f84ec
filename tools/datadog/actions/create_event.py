from mcp_gateway.catalog import props

from ..app import api, app


def _event(data):
    event = data.get("event") or {}
    return {"id": event.get("id"), "title": event.get("title"), "url": event.get("url"),
            "date_happened": event.get("date_happened"), "tags": event.get("tags"), "status": data.get("status")}


@app.action(
    "create-event",
    title="Create Event",
    description=(
        "Post an event to the Datadog event stream, e.g. a deploy or a config change, so it shows on dashboards and "
        "can trigger event monitors. Returns the event's ID and link."
    ),
    props={
        "title": props.string("Title", "The event's title, e.g. `Deployed checkout v2.3`; 100 characters at most."),
        "text": props.string("Text", "The body; up to 4000 characters, Markdown if it starts with `%%% \\n` and ends with "
                                     "`\\n %%%`."),
        "tags": props.string_list("Tags", "Tags, e.g. `[\"env:prod\", \"service:checkout\"]`.", optional=True),
        "alertType": props.string("Alert Type", "How it shows: `info` (default), `success`, `warning` or `error`.",
                                  options=["info", "success", "warning", "error"], optional=True),
        "priority": props.string("Priority", "`normal` (default) or `low`.", options=["normal", "low"], optional=True),
        "host": props.string("Host", "The host name the event is about.", optional=True),
        "aggregationKey": props.string("Aggregation Key", "Events with the same key are grouped, e.g. `deploy-checkout`.",
                                       optional=True),
        "sourceTypeName": props.string("Source", "What sent it, e.g. `jenkins` or `my_apps`.", optional=True),
    },
    trim=_event,
)
async def create_event(ctx):
    body = {"title": ctx.props.title, "text": ctx.props.text}
    for prop, field in (("tags", "tags"), ("alertType", "alert_type"), ("priority", "priority"), ("host", "host"),
                        ("aggregationKey", "aggregation_key"), ("sourceTypeName", "source_type_name")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    data = await api(ctx, "POST", "/api/v1/events", json=body)
    ctx.summary = f"Posted the event {ctx.props.title!r}"
    return data
