from mcp_gateway.catalog import props

from ..app import api, app, note_summary, seg


@app.action(
    "add-incident-note",
    title="Add Incident Note",
    description=(
        "Add a note to a PagerDuty incident's timeline, e.g. what was found or done; responders see it in the "
        "incident. Notes cannot be deleted. Needs the connection's From Email, who is shown as the author."
    ),
    props={
        "incidentId": app.definition("incidentId"),
        "content": props.string("Note", "The note's text, e.g. `Rolled back the 14:02 deploy.`"),
    },
    trim=note_summary,
)
async def add_incident_note(ctx):
    note = (await api(ctx, "POST", f"/incidents/{seg(ctx.props.incidentId)}/notes", write=True,
                      json={"note": {"content": ctx.props.content}})).get("note") or {}
    ctx.summary = f"Added a note to incident {ctx.props.incidentId}"
    return note
