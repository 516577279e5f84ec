from ..app import TICKET_FIELDS, app, properties_from, record_summary, ticket_props, update_and_link


@app.action(
    "update-ticket",
    title="Update Ticket",
    description=(
        "Change an existing HubSpot ticket: move it to another status (stage), reprioritize or reassign it, edit "
        "its subject or any other property, and optionally link contacts, companies or deals. Properties left "
        "empty keep their values. Returns the updated ticket."
    ),
    props={
        "ticketId": app.definition("objectId", label="Ticket ID", description=(
            "The ticket's numeric HubSpot ID, e.g. `880123`: hubspot-search-crm with objectType `tickets` finds it, "
            "and it is the last number of the ticket's page URL."
        )),
        **ticket_props(new=False),
    },
    destructive=True,
    idempotent=True,
    trim=record_summary,
)
async def update_ticket(ctx):
    result, ctx.summary = await update_and_link(ctx, "tickets", ctx.props.ticketId, properties_from(ctx, TICKET_FIELDS))
    return result
