from mcp_gateway.catalog import props

from ..app import api, app, incident_summary


@app.action(
    "create-incident",
    title="Create Incident",
    description=(
        "Open a new PagerDuty incident on a service, which pages whoever its escalation policy (or the assignees named "
        "here) says. To change an existing incident, use pagerduty-update-incident. Needs the connection's From Email."
    ),
    props={
        "title": props.string("Title", "A short description of the problem, e.g. `The server is on fire.`"),
        "serviceId": app.definition("serviceId"),
        "urgency": props.string("Urgency", "`high` pages at once; `low` follows the service's low-urgency rules.",
                                options=["high", "low"], optional=True),
        "details": props.string("Details", "More about the problem, shown in the incident's body.", optional=True),
        "incidentKey": props.string(
            "Incident Key", "A deduplication key: while an open incident on the service has this key, no second one is "
            "opened.", optional=True,
        ),
        "assigneeIds": app.definition(
            "userIds", label="Assign To", description="Page these users (IDs from pagerduty-list-users) instead of the "
            "service's escalation policy.",
        ),
        "escalationPolicyId": props.string(
            "Escalation Policy", "Use this escalation policy's ID instead of the service's (its `escalation_policy.id` "
            "in pagerduty-list-services). Not together with assigneeIds.", optional=True,
        ),
    },
    trim=incident_summary,
)
async def create_incident(ctx):
    incident = {"type": "incident", "title": ctx.props.title,
                "service": {"id": ctx.props.serviceId, "type": "service_reference"}}
    if ctx.props.get("urgency"):
        incident["urgency"] = ctx.props.urgency
    if ctx.props.get("details"):
        incident["body"] = {"type": "incident_body", "details": ctx.props.details}
    if ctx.props.get("incidentKey"):
        incident["incident_key"] = ctx.props.incidentKey
    if ctx.props.get("assigneeIds"):
        incident["assignments"] = [{"assignee": {"id": i, "type": "user_reference"}} for i in ctx.props.assigneeIds]
    if ctx.props.get("escalationPolicyId"):
        incident["escalation_policy"] = {"id": ctx.props.escalationPolicyId, "type": "escalation_policy_reference"}
    created = (await api(ctx, "POST", "/incidents", write=True, json={"incident": incident})).get("incident") or {}
    ctx.summary = f"Opened incident #{created.get('incident_number')}: {created.get('title')}"
    return created
