from ..app import api, app, monitor_summary


@app.action(
    "get-monitor",
    title="Get Monitor",
    description=(
        "Read one Datadog monitor: its query, state, notification message, tags and thresholds. "
        "To find a monitor use datadog-list-monitors; to silence it, datadog-mute-monitor."
    ),
    props={"monitorId": app.definition("monitorId")},
    read_only=True,
    trim=lambda m: {**monitor_summary(m), "thresholds": (m.get("options") or {}).get("thresholds"),
                    "creator": (m.get("creator") or {}).get("email"), "created": m.get("created")},
)
async def get_monitor(ctx):
    monitor = await api(ctx, "GET", f"/api/v1/monitor/{ctx.props.monitorId}")
    ctx.summary = f"Read the monitor {monitor.get('name')!r} ({monitor.get('overall_state')})"
    return monitor
