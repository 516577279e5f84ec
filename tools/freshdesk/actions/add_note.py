from mcp_gateway.catalog import props

from ..app import api, app, conversation_summary


@app.action(
    "add-note",
    title="Add Note",
    description=(
        "Add a note to a Freshdesk ticket: private (only agents see it, the default) or public. Agents named in "
        "Notify get an email. To write to the requester use freshdesk-reply-to-ticket."
    ),
    props={
        "ticketId": app.definition("ticketId"),
        "body": props.string("Body", "The note; HTML is allowed."),
        "private": props.boolean("Private", "Only agents see the note (on by default).", optional=True, default=True),
        "notifyEmails": props.string_list("Notify", "Agents' email addresses to tell about the note.", optional=True),
    },
    trim=conversation_summary,
)
async def add_note(ctx):
    body = {"body": ctx.props.body, "private": bool(ctx.props.private)}
    if ctx.props.get("notifyEmails"):
        body["notify_emails"] = ctx.props.notifyEmails
    note = await api(ctx, "POST", f"/tickets/{ctx.props.ticketId}/notes", json=body)
    ctx.summary = f"Added a {'private' if body['private'] else 'public'} note to ticket #{ctx.props.ticketId}"
    return note
