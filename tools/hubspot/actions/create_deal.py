from ..app import app, create_and_link, deal_properties, deal_props, record_summary


@app.action(
    "create-deal",
    title="Create Deal",
    description=(
        "Create a deal in HubSpot with a name, stage (and pipeline), amount, close date and owner, optionally "
        "linked to existing contacts and companies. To move an existing deal to another stage use Update Deal; to add "
        "products to it use Create Line Item. Returns the new deal's ID."
    ),
    props=deal_props(new=True),
    trim=record_summary,
)
async def create_deal(ctx):
    result, ctx.summary = await create_and_link(ctx, "deals", deal_properties(ctx))
    return result
