from mcp_gateway.catalog import props

from ..app import api, app, conversation_summary


@app.action(
    "reply-to-ticket",
    title="Reply To Ticket",
    description=(
        "Send a reply on a Freshdesk ticket; the requester gets it by email. For a remark only agents see, use "
        "freshdesk-add-note; to change the ticket's status afterwards, freshdesk-update-ticket."
    ),
    props={
        "ticketId": app.definition("ticketId"),
        "body": props.string("Body", "The reply; HTML is allowed."),
        "ccEmails": props.string_list("CC Emails", "Addresses to copy.", optional=True),
        "bccEmails": props.string_list("BCC Emails", "Addresses to copy blindly.", optional=True),
        "fromEmail": props.string("From Email", "One of the helpdesk's support addresses to send from; empty: the "
                                  "ticket's default.", optional=True),
    },
    trim=conversation_summary,
)
async def reply_to_ticket(ctx):
    body = {"body": ctx.props.body}
    for name, field in (("ccEmails", "cc_emails"), ("bccEmails", "bcc_emails"), ("fromEmail", "from_email")):
        if ctx.props.get(name):
            body[field] = ctx.props[name]
    reply = await api(ctx, "POST", f"/tickets/{ctx.props.ticketId}/reply", json=body)
    ctx.summary = f"Replied on ticket #{ctx.props.ticketId}"
    return reply
