from ..app import app, get_json, ticket_summary


@app.action(
    "get-ticket",
    title="Get Ticket",
    description=(
        "Read one Zendesk ticket: subject, description, status, priority, type, requester, assignee, group, tags, "
        "custom fields and dates. Use zendesk-list-ticket-comments for the conversation."
    ),
    props={"ticket": app.definition("ticket")},
    read_only=True,
)
async def get_ticket(ctx):
    ticket = (await get_json(ctx, f"/tickets/{ctx.props.ticket}"))["ticket"]
    ctx.summary = f"Retrieved ticket #{ticket['id']} ({ticket.get('status')}): {ticket.get('subject')}"
    return ticket_summary(ctx, ticket)
