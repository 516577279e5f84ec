from mcp_gateway.catalog import props

from ..app import app, clean, idempotency_key, money, price_summary, request


@app.action(
    "create-price",
    title="Create Price",
    description=(
        "Create a price for a product: a one-time amount, or a recurring amount billed every day, week, month "
        "or year for subscriptions. To create a product together with its first price use stripe-create-product; "
        "stripe-list-prices shows existing prices. Returns the price ID (`price_...`) for invoices, "
        "subscriptions, payment links and checkout sessions."
    ),
    props={
        "product": app.definition("product"),
        "unitAmount": props.integer(
            "Amount",
            "The amount in the currency's smallest unit: cents for usd (e.g. `1999` for $19.99), whole yen for jpy.",
            min=0,
        ),
        "currency": app.definition("currency"),
        "recurringInterval": props.string(
            "Billing Interval", "For a subscription price: how often it is billed. Leave empty for a one-time price.",
            options=["day", "week", "month", "year"],
            optional=True,
        ),
        "intervalCount": props.integer(
            "Interval Count",
            "With a billing interval: bill every N intervals, e.g. `3` with `month` for quarterly.",
            min=1,
            optional=True,
        ),
        "nickname": props.string("Nickname", "An internal name for the price, e.g. `Monthly (2024)`; not shown to customers.", optional=True),
        "lookupKey": props.string(
            "Lookup Key", "A key of your own to find the price by later, e.g. `pro_monthly`.", optional=True,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=price_summary,
)
async def create_price(ctx):
    data = clean({
        "product": ctx.props.product,
        "unit_amount": ctx.props.unitAmount,
        "currency": ctx.props.currency.lower(),
        "nickname": ctx.props.get("nickname"),
        "lookup_key": ctx.props.get("lookupKey"),
        "metadata": ctx.props.get("metadata") or None,
    })
    if ctx.props.get("recurringInterval"):
        data["recurring"] = clean({"interval": ctx.props.recurringInterval, "interval_count": ctx.props.get("intervalCount")})
    price = await request(ctx, "POST", "/prices", data=data, idempotency_key=idempotency_key(ctx))
    recurring = price.get("recurring")
    every = f" every {recurring.get('interval_count') or 1} {recurring.get('interval')}" if recurring else " one-time"
    ctx.summary = f"Created price {price['id']} of {money(price.get('unit_amount'), price.get('currency'))}{every} for {price.get('product')}"
    return price
