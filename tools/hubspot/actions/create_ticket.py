from ..app import TICKET_FIELDS, app, create_and_link, properties_from, record_summary, ticket_props


@app.action(
    "create-ticket",
    title="Create Ticket",
    description=(
        "Create a HubSpot help desk ticket with a subject, pipeline and status (stage), priority and owner, "
        "optionally linked to the contacts, companies and deals it concerns. To change an existing ticket use "
        "Update Ticket. Returns the new ticket's ID."
    ),
    props=ticket_props(new=True),
    trim=record_summary,
)
async def create_ticket(ctx):
    result, ctx.summary = await create_and_link(ctx, "tickets", properties_from(ctx, TICKET_FIELDS))
    return result
