from mcp_gateway.catalog import ActionError, props

from ..app import api, app, incident_summary, seg


@app.action(
    "update-incident",
    title="Update Incident",
    description=(
        "Acknowledge or resolve a PagerDuty incident, or change its title, urgency, escalation level or assignees; "
        "fields left empty stay as they are. To add a comment to its timeline, use pagerduty-add-incident-note. Needs "
        "the connection's From Email."
    ),
    props={
        "incidentId": app.definition("incidentId"),
        "status": props.string("Status", "`acknowledged` (someone is on it) or `resolved` (fixed).",
                               options=["acknowledged", "resolved"], optional=True),
        "resolution": props.string("Resolution", "With status `resolved`: what fixed it, added as a note.", optional=True),
        "title": props.string("Title", "A new title.", optional=True),
        "urgency": props.string("Urgency", "`high` or `low`.", options=["high", "low"], optional=True),
        "escalationLevel": props.integer("Escalation Level", "Escalate (or de-escalate) to this level of its policy, e.g. `2`.",
                                         optional=True, min=1),
        "assigneeIds": app.definition(
            "userIds", label="Reassign To", description="Reassign the incident to these user IDs (from pagerduty-list-users).",
        ),
    },
    idempotent=True,
    trim=incident_summary,
)
async def update_incident(ctx):
    incident = {"type": "incident_reference"}
    for prop, name in (("status", "status"), ("resolution", "resolution"), ("title", "title"), ("urgency", "urgency"),
                       ("escalationLevel", "escalation_level")):
        if ctx.props.get(prop):
            incident[name] = ctx.props[prop]
    if ctx.props.get("assigneeIds"):
        incident["assignments"] = [{"assignee": {"id": i, "type": "user_reference"}} for i in ctx.props.assigneeIds]
    if incident.get("resolution") and incident.get("status") != "resolved":
        raise ActionError("a resolution goes with status `resolved`; set both")
    if len(incident) == 1:
        raise ActionError("nothing to change: give a status, title, urgency, escalationLevel or assigneeIds")
    updated = (await api(ctx, "PUT", f"/incidents/{seg(ctx.props.incidentId)}", write=True,
                         json={"incident": incident})).get("incident") or {}
    ctx.summary = f"Updated incident #{updated.get('incident_number')}" + (
        f": {updated.get('status')}" if ctx.props.get("status") else "")
    return updated
