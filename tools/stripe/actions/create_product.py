from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, idempotency_key, product_summary, request


@app.action(
    "create-product",
    title="Create Product",
    description=(
        "Create a product (something you sell) in the Stripe catalog, optionally with its default price. "
        "To add more prices to an existing product use stripe-create-price; stripe-list-products shows the "
        "catalog. Returns the product ID (`prod_...`) and the default price ID, if one was set."
    ),
    props={
        "name": props.string("Name", "The product's name as customers see it, e.g. `Pro plan`."),
        "description": props.string("Description", "A longer description shown to customers.", optional=True),
        "unitAmount": props.integer(
            "Default Price Amount",
            "To also create a default price: the amount in the currency's smallest unit (cents for usd, e.g. "
            "`1999` for $19.99). Needs `currency`.",
            min=0,
            optional=True,
        ),
        "currency": app.definition("currency", optional=True, description=(
            "With a default price: three-letter currency code in lowercase, e.g. `usd`."
        )),
        "recurringInterval": props.string(
            "Billing Interval",
            "With a default price: how often it is billed for a subscription. Leave empty for a one-time price.",
            options=["day", "week", "month", "year"],
            optional=True,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=product_summary,
)
async def create_product(ctx):
    data = clean({
        "name": ctx.props.name,
        "description": ctx.props.get("description"),
        "metadata": ctx.props.get("metadata") or None,
    })
    amount = ctx.props.get("unitAmount")
    if amount is not None:
        if not ctx.props.get("currency"):
            raise ActionError("a default price needs its currency, e.g. `usd`")
        price = {"currency": ctx.props.currency.lower(), "unit_amount": amount}
        if ctx.props.get("recurringInterval"):
            price["recurring"] = {"interval": ctx.props.recurringInterval}
        data["default_price_data"] = price
    elif ctx.props.get("recurringInterval"):
        raise ActionError("a billing interval needs a default price: give unitAmount and currency")
    product = await request(ctx, "POST", "/products", data=data, idempotency_key=idempotency_key(ctx))
    default_price = product_summary(product)["default_price"]
    with_price = f" with default price {default_price}" if default_price else ""
    ctx.summary = f"Created product {product['id']} ({product.get('name')}){with_price}"
    return product
