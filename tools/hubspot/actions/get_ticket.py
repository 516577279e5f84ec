from ..app import app, describe, get_object, property_names, record_summary


@app.action(
    "get-ticket",
    title="Get Ticket",
    description=(
        "Get one HubSpot ticket by its ID: subject, description, pipeline, status (stage), priority, owner (or the "
        "properties asked for) and the IDs of its linked contacts, companies and deals. To find tickets use Search "
        "CRM with objectType `tickets`."
    ),
    props={
        "ticketId": app.definition("objectId", label="Ticket ID", description=(
            "The ticket's numeric HubSpot ID, e.g. `880123`: hubspot-search-crm with objectType `tickets` finds it."
        )),
        "properties": app.definition("properties"),
    },
    read_only=True,
    trim=record_summary,
)
async def get_ticket(ctx):
    record = await get_object(ctx, "tickets", ctx.props.ticketId, properties=property_names(ctx, "tickets"),
                              associations=["contacts", "companies", "deals"])
    ctx.summary = f"Got {describe('tickets', record)}"
    return record
