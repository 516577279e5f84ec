from ..app import api, app, ticket_with_conversations


@app.action(
    "get-ticket",
    title="Get Ticket",
    description=(
        "Read one Freshdesk ticket with its description, requester and conversation (replies and notes, up to the "
        "first 10), status, priority and assignee. To answer it use freshdesk-reply-to-ticket; for an internal "
        "remark, freshdesk-add-note."
    ),
    props={"ticketId": app.definition("ticketId")},
    read_only=True,
    trim=ticket_with_conversations,
)
async def get_ticket(ctx):
    ticket = await api(ctx, "GET", f"/tickets/{ctx.props.ticketId}", params={"include": "conversations,requester"})
    ctx.summary = f"Read ticket #{ticket.get('id')} {ticket.get('subject')!r}"
    return ticket
