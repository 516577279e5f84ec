from mcp_gateway.catalog import ActionError, props

from ..app import app, checkout_session_summary, clean, idempotency_key, line_items, request


@app.action(
    "create-checkout-session",
    title="Create Checkout Session",
    description=(
        "Start a Stripe Checkout session: a hosted payment page (`url`) for one purchase of the given prices, "
        "which sends the customer back to your `successUrl` afterwards. Use mode `subscription` for recurring "
        "prices. The page expires after 24 hours; for a link that can be reused indefinitely, use "
        "stripe-create-payment-link. Returns the session's ID and URL."
    ),
    props={
        "successUrl": props.string(
            "Success URL",
            "Where the customer lands after paying, e.g. `https://example.com/success?session_id={CHECKOUT_SESSION_ID}` "
            "(Stripe fills in the placeholder).",
        ),
        "cancelUrl": props.string(
            "Cancel URL", "Where the customer goes on clicking back, e.g. `https://example.com/cart`.", optional=True,
        ),
        "mode": props.string(
            "Mode",
            "`payment` for one-time prices, `subscription` when any price is recurring.",
            options=["payment", "subscription"],
            default="payment",
        ),
        "price": app.definition("price", description=(
            "The price to sell, e.g. `price_1MoBy5LkdIwHu7ixZhnattbh`, from stripe-list-prices or stripe-create-price."
        )),
        "quantity": props.integer("Quantity", "How many units of the price. Defaults to 1.", min=1, default=1),
        "moreLineItems": app.definition("moreLineItems"),
        "customer": app.definition("customer", optional=True, description=(
            "An existing customer who pays, e.g. `cus_NffrFeUfNV2Hib`; their email is filled in. Use this or "
            "`customerEmail`."
        )),
        "customerEmail": props.string(
            "Customer Email", "Prefills the email field for a new customer, e.g. `jenny.rosen@example.com`.", optional=True,
        ),
        "clientReferenceId": props.string(
            "Client Reference ID", "Your own ID for this purchase (e.g. a cart or user ID) to match the session later.",
            optional=True,
        ),
        "allowPromotionCodes": props.boolean(
            "Allow Promotion Codes", "`true` lets the customer enter a promotion code.", optional=True,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=checkout_session_summary,
)
async def create_checkout_session(ctx):
    if ctx.props.get("customer") and ctx.props.get("customerEmail"):
        raise ActionError("give either customer or customerEmail, not both")
    if ctx.props.mode not in ("payment", "subscription"):
        raise ActionError("mode must be `payment` or `subscription`")
    data = clean({
        "mode": ctx.props.mode,
        "success_url": ctx.props.successUrl,
        "cancel_url": ctx.props.get("cancelUrl"),
        "line_items": line_items(ctx),
        "customer": ctx.props.get("customer"),
        "customer_email": ctx.props.get("customerEmail"),
        "client_reference_id": ctx.props.get("clientReferenceId"),
        "allow_promotion_codes": ctx.props.get("allowPromotionCodes"),
        "metadata": ctx.props.get("metadata") or None,
    })
    session = await request(ctx, "POST", "/checkout/sessions", data=data, idempotency_key=idempotency_key(ctx))
    ctx.summary = f"Created checkout session {session['id']}: {session.get('url')}"
    return session
