from mcp_gateway.catalog import ActionError, props

from ..app import api, app, ticket_fields, ticket_summary


@app.action(
    "update-ticket",
    title="Update Ticket",
    description=(
        "Change a Freshdesk ticket: its status (e.g. resolve it with 4), priority, type, agent, group, tags, due date "
        "or custom fields. Fields left empty stay as they are; tags given replace the ticket's tags. To write to the "
        "customer use freshdesk-reply-to-ticket."
    ),
    props={
        "ticketId": app.definition("ticketId"),
        "subject": props.string("Subject", "A new subject line.", optional=True),
        "status": app.definition("status"),
        "priority": app.definition("priority"),
        "type": props.string("Type", "One of the helpdesk's ticket types, e.g. `Incident`.", optional=True),
        "responderId": app.definition("responderId"),
        "groupId": app.definition("groupId"),
        "tags": props.string_list("Tags", "The ticket's tags, replacing those it has.", optional=True),
        "dueBy": props.string("Due By", "When the ticket must be resolved, e.g. `2026-12-20T17:00:00Z`.", optional=True),
        "customFields": app.definition("customFields"),
    },
    idempotent=True,
    trim=ticket_summary,
)
async def update_ticket(ctx):
    body = ticket_fields(ctx)
    if not body:
        raise ActionError("nothing to change: give at least one field, e.g. status or responderId")
    ticket = await api(ctx, "PUT", f"/tickets/{ctx.props.ticketId}", json=body)
    ctx.summary = f"Updated ticket #{ticket.get('id')}"
    return ticket
