from mcp_gateway.catalog import ActionError, props

from ..app import api, app, body_of, note_summary


@app.action(
    "create-note",
    title="Create Note",
    description=(
        "Write a note on a Pipedrive deal, person or organization (at least one), e.g. a call summary. It shows in the "
        "record's history. To schedule a follow-up instead, use pipedrive-create-activity."
    ),
    props={
        "content": props.string("Content", "The note's text; simple HTML such as `<b>` and `<br>` is kept."),
        "dealId": app.definition("dealId", optional=True, description="The deal to attach the note to (its ID)."),
        "personId": app.definition("personId", description="The person to attach the note to (their ID)."),
        "orgId": app.definition("orgId", description="The organization to attach the note to (its ID)."),
    },
    trim=note_summary,
)
async def create_note(ctx):
    links = body_of(ctx, {"dealId": "deal_id", "personId": "person_id", "orgId": "org_id"})
    if not links:
        raise ActionError("say what the note is on: give a dealId, personId or orgId")
    note = (await api(ctx, "POST", "/v1/notes", json={"content": ctx.props.content, **links})).get("data") or {}
    ctx.summary = f"Added note #{note.get('id')} to Pipedrive"
    return note
