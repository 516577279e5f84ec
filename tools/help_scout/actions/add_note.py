from mcp_gateway.catalog import props

from ..app import app, created_id, request


@app.action(
    "add-note",
    title="Add Note",
    description=(
        "Add an internal note to a Help Scout conversation; only the team sees it, the customer is not emailed. To "
        "write to the customer use help_scout-reply-to-conversation. Returns the new thread's ID."
    ),
    props={
        "conversationId": app.definition("conversationId"),
        "text": props.string("Text", "The note; HTML is allowed. Mention a teammate with @their-mention-name."),
        "status": app.definition("status", description="The conversation's status after the note; empty: as it is."),
        "user": app.definition("userId", description="The user the note is from (their ID); empty: the connected user."),
    },
)
async def add_note(ctx):
    body = {"text": ctx.props.text}
    for name in ("status", "user"):
        if ctx.props.get(name) not in (None, ""):
            body[name] = ctx.props[name]
    response = await request(ctx, "POST", f"/conversations/{ctx.props.conversationId}/notes", json=body)
    ctx.summary = f"Added a note to conversation {ctx.props.conversationId}"
    return {"conversation_id": ctx.props.conversationId, "thread_id": created_id(response)}
