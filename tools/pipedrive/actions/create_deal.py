from mcp_gateway.catalog import ActionError, props

from ..app import DEAL_FIELDS, api, app, deal_body, deal_summary


@app.action(
    "create-deal",
    title="Create Deal",
    description=(
        "Add a deal to Pipedrive, linked to a person and/or an organization, in a pipeline stage. Find or add the "
        "person first with pipedrive-search-persons or pipedrive-create-person. To change a deal use "
        "pipedrive-update-deal. Returns the new deal's ID."
    ),
    props={
        "title": props.string("Title", "The deal's name, e.g. `Acme, 50 licences`."),
        **{name: prop for name, (_field, prop) in DEAL_FIELDS.items()},
    },
    trim=deal_summary,
)
async def create_deal(ctx):
    try:
        body = {"title": ctx.props.title, **deal_body(ctx)}
    except ValueError:
        raise ActionError(f"value {ctx.props.value!r} is not a number; write it like `5000` or `1250.50`") from None
    deal = (await api(ctx, "POST", "/v2/deals", json=body)).get("data") or {}
    ctx.summary = f"Created the deal {deal.get('title')!r} (#{deal.get('id')})"
    return deal
