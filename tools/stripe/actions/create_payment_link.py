from mcp_gateway.catalog import props

from ..app import app, clean, idempotency_key, line_items, payment_link_summary, request


@app.action(
    "create-payment-link",
    title="Create Payment Link",
    description=(
        "Create a Stripe payment link: a reusable URL (`https://buy.stripe.com/...`) anyone can open to buy the "
        "given prices, one-time or recurring, any number of times. Share it by email or chat. For a one-off "
        "checkout of a known customer that redirects back to your site, use stripe-create-checkout-session; to "
        "bill a customer directly, stripe-create-invoice. Returns the link's ID and URL."
    ),
    props={
        "price": app.definition("price", description=(
            "The price to sell, e.g. `price_1MoBy5LkdIwHu7ixZhnattbh`, from stripe-list-prices or stripe-create-price."
        )),
        "quantity": props.integer("Quantity", "How many units of the price. Defaults to 1.", min=1, default=1),
        "moreLineItems": app.definition("moreLineItems"),
        "redirectUrl": props.string(
            "Redirect URL",
            "Where to send the buyer after paying, e.g. `https://example.com/thanks`. Leave empty to show Stripe's "
            "confirmation page.",
            optional=True,
        ),
        "allowPromotionCodes": props.boolean(
            "Allow Promotion Codes", "`true` lets buyers enter a promotion code at checkout.", optional=True,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=payment_link_summary,
)
async def create_payment_link(ctx):
    data = clean({
        "line_items": line_items(ctx),
        "after_completion": {"type": "redirect", "redirect": {"url": ctx.props.redirectUrl}} if ctx.props.get("redirectUrl") else None,
        "allow_promotion_codes": ctx.props.get("allowPromotionCodes"),
        "metadata": ctx.props.get("metadata") or None,
    })
    link = await request(ctx, "POST", "/payment_links", data=data, idempotency_key=idempotency_key(ctx))
    ctx.summary = f"Created payment link {link['id']}: {link.get('url')}"
    return link
