from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, idempotency_key, request, subscription_summary


@app.action(
    "create-subscription",
    title="Create Subscription",
    description=(
        "Subscribe a customer to a recurring price (from stripe-list-prices or stripe-create-price with a billing "
        "interval): Stripe then invoices and charges them every period. Charging automatically needs a default "
        "payment method on the customer or `defaultPaymentMethod`; with `send_invoice` each invoice is emailed. "
        "To change plan or quantity later use stripe-update-subscription; to sell a subscription through a hosted "
        "page use stripe-create-checkout-session. Returns the subscription, its status and latest invoice."
    ),
    props={
        "customer": app.definition("customer"),
        "price": app.definition("price", description=(
            "The recurring price to subscribe to, e.g. `price_1MoBy5LkdIwHu7ixZhnattbh`, from stripe-list-prices. "
            "The choices list active prices."
        )),
        "quantity": props.integer("Quantity", "How many units of the price, e.g. `5` seats. Defaults to 1.", min=1, optional=True),
        "trialPeriodDays": props.integer(
            "Trial Days", "Days of free trial before the first charge, e.g. `14`.", min=1, optional=True,
        ),
        "collectionMethod": props.string(
            "Collection Method",
            "`charge_automatically` (the default) charges the payment method each period; `send_invoice` emails an "
            "invoice to pay.",
            options=["charge_automatically", "send_invoice"],
            optional=True,
        ),
        "daysUntilDue": props.integer(
            "Days Until Due", "With `send_invoice`: days the customer has to pay each invoice. Defaults to 30.", min=0,
            optional=True,
        ),
        "defaultPaymentMethod": props.string(
            "Default Payment Method",
            "A payment method of the customer to charge, e.g. `pm_1MqLiJLkdIwHu7ixUEgbFdYF`. Leave empty to use the "
            "customer's default.",
            optional=True,
        ),
        "paymentBehavior": props.string(
            "Payment Behavior",
            "What to do when the first payment needs the customer (e.g. 3-D Secure): `allow_incomplete` (Stripe's "
            "default) creates it `incomplete`, `default_incomplete` always waits for the payment to be confirmed, "
            "`error_if_incomplete` fails instead.",
            options=["allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"],
            optional=True,
        ),
        "coupon": app.definition("coupon", optional=True, description=(
            "A coupon to apply, e.g. `SUMMER25`, from stripe-list-coupons or stripe-create-coupon."
        )),
        "description": props.string("Description", "A note shown on the subscription's invoices.", optional=True),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=subscription_summary,
)
async def create_subscription(ctx):
    method = ctx.props.get("collectionMethod")
    if ctx.props.get("daysUntilDue") is not None and method != "send_invoice":
        raise ActionError("daysUntilDue applies to collectionMethod `send_invoice` only")
    data = clean({
        "customer": ctx.props.customer,
        "items": [clean({"price": ctx.props.price, "quantity": ctx.props.get("quantity")})],
        "trial_period_days": ctx.props.get("trialPeriodDays"),
        "collection_method": method,
        "days_until_due": ctx.props.get("daysUntilDue") if ctx.props.get("daysUntilDue") is not None else (
            30 if method == "send_invoice" else None
        ),
        "default_payment_method": ctx.props.get("defaultPaymentMethod"),
        "payment_behavior": ctx.props.get("paymentBehavior"),
        "coupon": ctx.props.get("coupon"),
        "description": ctx.props.get("description"),
        "metadata": ctx.props.get("metadata") or None,
    })
    subscription = await request(ctx, "POST", "/subscriptions", data=data, idempotency_key=idempotency_key(ctx))
    ctx.summary = (
        f"Created subscription {subscription['id']} for customer {subscription.get('customer')} "
        f"({subscription.get('status')})"
    )
    return subscription
