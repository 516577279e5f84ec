from ..app import api, app, incident_summary, seg


@app.action(
    "get-incident",
    title="Get Incident",
    description=(
        "Read one PagerDuty incident: number, title, status, urgency, priority, service, escalation policy, assignees "
        "and times. Its notes come from pagerduty-list-incident-notes."
    ),
    props={"incidentId": app.definition("incidentId")},
    read_only=True,
    trim=incident_summary,
)
async def get_incident(ctx):
    incident = (await api(ctx, "GET", f"/incidents/{seg(ctx.props.incidentId)}")).get("incident") or {}
    ctx.summary = f"Read incident #{incident.get('incident_number')}: {incident.get('title')}"
    return incident
