from mcp_gateway.catalog import props

from ..app import app, describe, get_object, property_names, record_summary


@app.action(
    "get-deal",
    title="Get Deal",
    description=(
        "Get one HubSpot deal by its ID: name, amount, stage, pipeline, close date, owner (or the properties asked "
        "for) and the IDs of its linked contacts and companies. To find deals by name, stage or amount use Search "
        "CRM; for its line items use List Associations."
    ),
    props={
        "dealId": props.string("Deal ID", "The deal's numeric HubSpot ID, e.g. `1467822235`: hubspot-search-crm finds it, and it is "
                               "the last number of the deal's page URL."),
        "properties": app.definition("properties"),
    },
    read_only=True,
    trim=record_summary,
)
async def get_deal(ctx):
    record = await get_object(ctx, "deals", ctx.props.dealId, properties=property_names(ctx, "deals"),
                              associations=["contacts", "companies"])
    ctx.summary = f"Got {describe('deals', record)}"
    return record
