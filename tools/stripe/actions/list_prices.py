from mcp_gateway.catalog import props

from ..app import app, price_label, price_summary, request


@app.action(
    "list-prices",
    title="List Prices",
    description=(
        "List the prices in the Stripe catalog, optionally of one product, with their product name, amount and "
        "billing interval. Returns one page and the `startingAfter` ID for the next."
    ),
    props={
        "product": app.definition("product", optional=True, description=(
            "Only prices of this product, e.g. `prod_NWjs8kKbJWmuuc`. Leave empty for all products."
        )),
        "active": props.boolean("Active Only", "`true` for prices that can be used for new purchases only.", default=True),
        "limit": app.definition("limit"),
        "startingAfter": props.string(
            "Starting After", "For the next page: the ID of the last price of the previous page.", optional=True,
        ),
    },
    read_only=True,
)
async def list_prices(ctx):
    params = {"limit": ctx.props.limit, "expand": ["data.product"]}
    if ctx.props.active:
        params["active"] = True
    for name, field in (("product", "product"), ("startingAfter", "starting_after")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    data = await request(ctx, "GET", "/prices", params=params)
    prices = []
    for price in data.get("data") or []:
        entry = price_summary(price)
        product = price.get("product")
        entry["product_name"] = product.get("name") if isinstance(product, dict) else None
        entry["label"] = price_label(price)
        prices.append(entry)
    has_more = bool(data.get("has_more"))
    ctx.summary = f"Listed {len(prices)} price{'s' if len(prices) != 1 else ''}" + (" (more available)" if has_more else "")
    return {"prices": prices, "has_more": has_more, "next_starting_after": prices[-1]["id"] if has_more and prices else None}
