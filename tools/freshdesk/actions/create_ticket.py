from mcp_gateway.catalog import ActionError, props

from ..app import api, app, ticket_fields, ticket_summary


@app.action(
    "create-ticket",
    title="Create Ticket",
    description=(
        "Open a Freshdesk ticket for a requester, by their email (a new contact is made if none has it) or contact "
        "ID, with a subject and description. To change a ticket use freshdesk-update-ticket; to answer one, "
        "freshdesk-reply-to-ticket. Returns the new ticket's number."
    ),
    props={
        "subject": props.string("Subject", "The ticket's subject line."),
        "description": props.string("Description", "What the ticket is about; HTML is allowed."),
        "email": props.string("Requester Email", "The requester's email, e.g. `joe@example.com`.", optional=True),
        "requesterId": props.integer("Requester", "The requester's contact ID (from freshdesk-list-contacts), instead "
                                     "of an email.", optional=True),
        "name": props.string("Requester Name", "The requester's name, for a contact Freshdesk creates.", optional=True),
        "status": app.definition("status", default=2, description="2 Open (the default), 3 Pending, 4 Resolved, 5 Closed."),
        "priority": app.definition("priority", default=1, description="1 Low (the default), 2 Medium, 3 High, 4 Urgent."),
        "type": props.string("Type", "One of the helpdesk's ticket types, e.g. `Question`, `Incident`, `Problem`.",
                             optional=True),
        "responderId": app.definition("responderId"),
        "groupId": app.definition("groupId"),
        "companyId": app.definition("companyId", description="The requester's company (its ID), if they belong to several."),
        "tags": props.string_list("Tags", "Tags to put on the ticket.", optional=True),
        "ccEmails": props.string_list("CC Emails", "Addresses copied on the ticket.", optional=True),
        "dueBy": props.string("Due By", "When the ticket must be resolved, e.g. `2026-12-20T17:00:00Z`.", optional=True),
        "customFields": app.definition("customFields"),
    },
    trim=ticket_summary,
)
async def create_ticket(ctx):
    if not ctx.props.get("email") and not ctx.props.get("requesterId"):
        raise ActionError("say who the ticket is from: give the requester's email or requesterId")
    body = ticket_fields(ctx)
    for name, field in (("email", "email"), ("requesterId", "requester_id"), ("name", "name"), ("ccEmails", "cc_emails")):
        if ctx.props.get(name):
            body[field] = ctx.props[name]
    ticket = await api(ctx, "POST", "/tickets", json=body)
    ctx.summary = f"Created ticket #{ticket.get('id')} {ticket.get('subject')!r}"
    return ticket
