from mcp_gateway.catalog import ActionError, props

from ..app import OBJECT_LABELS, activity_associations, app, linked_ids, request, timestamp


@app.action(
    "create-note",
    title="Create Note",
    description=(
        "Log a note in HubSpot on contacts, companies and/or deals, e.g. a summary of a call. The note shows on "
        "each linked record's timeline. Returns the note's ID."
    ),
    props={
        "body": props.string(
            "Note", "The note's text; simple HTML such as `<b>`, `<ul><li>` and `<br>` is kept. Up to 65,536 characters.",
        ),
        "contactIds": app.definition("contactIds", description="IDs of contacts to log the note on, e.g. `[\"51\"]`."),
        "companyIds": app.definition("companyIds", description="IDs of companies to log the note on, e.g. `[\"9001\"]`."),
        "dealIds": app.definition("dealIds", description="IDs of deals to log the note on, e.g. `[\"1467822235\"]`."),
        "owner": app.definition("owner", description="The ID of the HubSpot user shown as the note's author."),
        "timestamp": props.string(
            "Time", "When the note happened, e.g. `2025-05-01T15:00:00Z`; it places the note on the timeline. Defaults to now.",
            optional=True,
        ),
    },
)
async def create_note(ctx):
    text = str(ctx.props.body).strip()
    if not text:
        raise ActionError("the note is empty")
    links = linked_ids(ctx)
    if not links:
        raise ActionError("link the note to at least one contact, company or deal (contactIds, companyIds or dealIds)")
    properties = {"hs_note_body": text, "hs_timestamp": timestamp(ctx.props.get("timestamp"), "timestamp")}
    if ctx.props.get("owner"):
        properties["hubspot_owner_id"] = str(ctx.props.owner)
    note = await request(ctx, "POST", "/crm/v3/objects/notes",
                         json={"properties": properties, "associations": activity_associations("notes", links)})
    on = ", ".join(f"{OBJECT_LABELS[kind]} {rid}" for kind, rid in links)
    ctx.summary = f"Logged note {note.get('id')} on {on}"
    return {"id": note.get("id"), "properties": note.get("properties"), "createdAt": note.get("createdAt"),
            "linkedTo": [{"type": kind, "id": rid} for kind, rid in links]}
