from mcp_gateway.catalog import props, within

from ..app import app, list_page, listed, price_summary


@app.action(
    "list-prices",
    title="List Prices",
    description=(
        "List the prices in the Stripe catalog, optionally of one product, with their product name, amount (in "
        "the currency's smallest unit) and billing interval. Use it to find the price ID that invoices, "
        "subscriptions, payment links and checkout sessions take; stripe-list-products lists the products "
        "themselves. Returns `prices` and a `next_cursor` when more exist."
    ),
    props={
        "product": app.definition("product", optional=True, description=(
            "Only prices of this product, e.g. `prod_NWjs8kKbJWmuuc` (from stripe-list-products). Leave empty for all products."
        )),
        "active": props.boolean("Active Only", "`true` for prices that can be used for new purchases only.", default=True),
        "limit": props.limit("prices"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("prices", price_summary),
)
async def list_prices(ctx):
    params = {"expand": ["data.product"]}
    if ctx.props.active:
        params["active"] = True
    if ctx.props.get("product"):
        params["product"] = ctx.props.product
    prices, next_cursor = await list_page(ctx, "/prices", params)
    ctx.summary = listed(len(prices), "price", next_cursor)
    return {"prices": prices, "next_cursor": next_cursor}
