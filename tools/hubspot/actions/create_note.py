from mcp_gateway.catalog import ActionError, props

from ..app import activity_links, activity_summary, app, create_activity, on_records, timestamp


@app.action(
    "create-note",
    title="Create Note",
    description=(
        "Log a note in HubSpot on contacts, companies, deals and/or tickets, e.g. a summary of a conversation. The "
        "note shows on each linked record's timeline. To log a phone call use Create Call, a meeting Create "
        "Meeting, a follow-up to do Create Task. Returns the note's ID."
    ),
    props={
        "body": props.string(
            "Note", "The note's text; simple HTML such as `<b>`, `<ul><li>` and `<br>` is kept. Up to 65,536 characters.",
        ),
        **activity_links("notes"),
        "owner": app.definition("owner", description="The ID of the HubSpot user shown as the note's author."),
        "timestamp": props.string(
            "Time", "When the note happened, e.g. `2025-05-01T15:00:00Z`; it places the note on the timeline. Defaults to now.",
            optional=True,
        ),
    },
    trim=activity_summary,
)
async def create_note(ctx):
    text = str(ctx.props.body).strip()
    if not text:
        raise ActionError("the note is empty")
    properties = {"hs_note_body": text, "hs_timestamp": timestamp(ctx.props.get("timestamp"), "timestamp")}
    note, links = await create_activity(ctx, "notes", properties, require_link=True)
    ctx.summary = f"Logged note {note.get('id')} on {on_records(links)}"
    return note
