from mcp_gateway.catalog import props

from ..app import app, deal_properties, deal_props, record_summary, update_and_link


@app.action(
    "update-deal",
    title="Update Deal",
    description=(
        "Change an existing HubSpot deal: move it to another stage (e.g. `closedwon`), change its amount, close "
        "date, owner or any other property, and optionally link contacts or companies. Properties left empty keep "
        "their values. Returns the updated deal."
    ),
    props={
        "dealId": props.string("Deal ID", "The deal's numeric HubSpot ID, e.g. `1467822235`; hubspot-search-crm finds it."),
        **deal_props(new=False),
    },
    destructive=True,
    idempotent=True,
    trim=record_summary,
)
async def update_deal(ctx):
    result, ctx.summary = await update_and_link(ctx, "deals", ctx.props.dealId, deal_properties(ctx))
    return result
