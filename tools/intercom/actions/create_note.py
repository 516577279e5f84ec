from mcp_gateway.catalog import props

from ..app import admin_id, api, app


def _note_summary(note):
    return {"id": note.get("id"), "body": note.get("body"), "created_at": note.get("created_at"),
            "contact_id": (note.get("contact") or {}).get("id"), "author": (note.get("author") or {}).get("name")}


@app.action(
    "create-note",
    title="Create Note",
    description=(
        "Write a note on an Intercom contact's profile, seen by teammates only, e.g. what a call was about. For a note "
        "inside a conversation use intercom-reply-to-conversation with message type `note`."
    ),
    props={
        "contactId": app.definition("contactId"),
        "body": props.string("Body", "The note's text; simple HTML is allowed."),
        "adminId": app.definition("adminId", description="The teammate (admin) the note is by; empty: the connected admin."),
    },
    trim=_note_summary,
)
async def create_note(ctx):
    body = {"body": ctx.props.body, "contact_id": ctx.props.contactId, "admin_id": await admin_id(ctx)}
    note = await api(ctx, "POST", f"/contacts/{ctx.props.contactId}/notes", json=body)
    ctx.summary = f"Added a note to contact {ctx.props.contactId}"
    return note
