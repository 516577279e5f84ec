from ..app import api, app, deal_summary


@app.action(
    "get-deal",
    title="Get Deal",
    description=(
        "Read one Pipedrive deal by its ID: title, value, status, pipeline and stage, person, organization, owner and "
        "dates. To find a deal by name use pipedrive-search-deals."
    ),
    props={"dealId": app.definition("dealId")},
    read_only=True,
    trim=deal_summary,
)
async def get_deal(ctx):
    deal = (await api(ctx, "GET", f"/v2/deals/{ctx.props.dealId}")).get("data") or {}
    ctx.summary = f"Read the deal {deal.get('title')!r}"
    return deal
