from mcp_gateway.catalog import within

from ..app import api, app, note_summary, seg


@app.action(
    "list-incident-notes",
    title="List Incident Notes",
    description=(
        "Read all the notes on a PagerDuty incident's timeline, oldest first, with who wrote them and when. To add one, "
        "use pagerduty-add-incident-note."
    ),
    props={"incidentId": app.definition("incidentId")},
    read_only=True,
    trim=within("notes", note_summary),
)
async def list_incident_notes(ctx):
    notes = (await api(ctx, "GET", f"/incidents/{seg(ctx.props.incidentId)}/notes")).get("notes") or []
    ctx.summary = f"Read {len(notes)} note{'s' if len(notes) != 1 else ''} of incident {ctx.props.incidentId}"
    return {"notes": notes}
