from ..app import app, get_json, ticket_summary


@app.action(
    "get-ticket",
    title="Get Ticket",
    description=(
        "Read one Zendesk ticket by its number: subject, description, status, priority, type, requester, assignee, "
        "group, tags, custom fields, dates and its agent URL. For the conversation use List Ticket Comments; to "
        "find tickets by their content or fields use Search Tickets."
    ),
    props={"ticket": app.definition("ticket")},
    read_only=True,
    trim=ticket_summary,
)
async def get_ticket(ctx):
    ticket = (await get_json(ctx, f"/tickets/{ctx.props.ticket}"))["ticket"]
    ctx.summary = f"Retrieved ticket #{ticket['id']} ({ticket.get('status')}): {ticket.get('subject')}"
    return ticket
