from mcp_gateway.catalog import props

from ..app import api, app


def downtime_summary(data):
    downtime = data.get("data") or {}
    attributes = downtime.get("attributes") or {}
    schedule = attributes.get("schedule") or {}
    return {"downtime_id": downtime.get("id"), "status": attributes.get("status"), "scope": attributes.get("scope"),
            "monitor_identifier": attributes.get("monitor_identifier"), "start": schedule.get("start"),
            "end": schedule.get("end"), "message": attributes.get("message")}


@app.action(
    "mute-monitor",
    title="Mute Monitor",
    description=(
        "Silence one monitor's notifications by scheduling a downtime for it, from now until an end time (or until "
        "cancelled), for all its groups or a scope such as `host:web-1`. Returns the downtime ID; pass it to "
        "datadog-cancel-downtime to unmute early."
    ),
    props={
        "monitorId": app.definition("monitorId"),
        "scope": props.string("Scope", "Which groups to mute, in tag query syntax, e.g. `env:prod AND host:web-1`; "
                                       "`*` (the default) mutes all.", optional=True),
        "end": props.string("End", "When the mute ends, ISO 8601, e.g. `2026-12-08T09:00:00Z`; leave out to mute until "
                                   "cancelled.", optional=True),
        "message": props.string("Message", "A note shown with the downtime and in its notifications, e.g. `Deploying v2`.",
                                optional=True),
    },
    trim=downtime_summary,
)
async def mute_monitor(ctx):
    attributes = {"scope": ctx.props.get("scope") or "*", "monitor_identifier": {"monitor_id": ctx.props.monitorId}}
    if ctx.props.get("end"):
        attributes["schedule"] = {"end": ctx.props.end}
    if ctx.props.get("message"):
        attributes["message"] = ctx.props.message
    data = await api(ctx, "POST", "/api/v2/downtime", json={"data": {"type": "downtime", "attributes": attributes}})
    until = f" until {ctx.props.end}" if ctx.props.get("end") else " until cancelled"
    ctx.summary = f"Muted monitor {ctx.props.monitorId}{until}"
    return data
