from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, idempotency_key, money, payment_intent_summary, request


@app.action(
    "create-payment-intent",
    title="Create Payment Intent",
    description=(
        "Create a PaymentIntent: Stripe's record of collecting one payment of a set amount. Without a payment "
        "method it waits for the customer to pay (pass its `client_secret` to a checkout form); with a saved "
        "payment method and `confirm` it tries to charge right away (or confirm later with "
        "stripe-confirm-payment-intent). With `captureMethod` `manual` the funds are only held until "
        "stripe-capture-payment-intent. For a ready-made payment page use stripe-create-checkout-session or "
        "stripe-create-payment-link instead. Returns the intent's ID, status and client secret."
    ),
    props={
        "amount": props.integer(
            "Amount",
            "The amount in the currency's smallest unit: cents for `usd` (e.g. `2000` for $20.00), whole yen for "
            "`jpy`. At least the currency's minimum (50 cents for usd).",
            min=1,
        ),
        "currency": app.definition("currency"),
        "customer": app.definition("customer", optional=True, description=(
            "The ID of the customer paying, e.g. `cus_NffrFeUfNV2Hib`; needed to charge a saved payment method."
        )),
        "description": props.string("Description", "What the payment is for; shown in the Dashboard and receipts.", optional=True),
        "receiptEmail": props.string("Receipt Email", "Where Stripe emails the receipt once the payment succeeds.", optional=True),
        "paymentMethodTypes": props.string_list(
            "Payment Method Types",
            "The payment methods allowed, e.g. `[\"card\"]` or `[\"card\", \"us_bank_account\"]`. Leave empty to use "
            "the methods enabled in the Dashboard.",
            optional=True,
        ),
        "paymentMethod": props.string(
            "Payment Method",
            "The ID of a saved payment method of the customer to charge, e.g. `pm_1MqLiJLkdIwHu7ixUEgbFdYF`.",
            optional=True,
        ),
        "confirm": props.boolean(
            "Confirm Now",
            "`true` to attempt the charge immediately with `paymentMethod`. Methods that redirect the customer "
            "also need `returnUrl`.",
            optional=True,
        ),
        "captureMethod": props.string(
            "Capture Method",
            "`automatic` (the default) takes the money when the customer pays; `manual` only authorizes it, to be "
            "taken later with stripe-capture-payment-intent (cards hold an authorization for about 7 days).",
            options=["automatic", "manual"],
            optional=True,
        ),
        "returnUrl": props.string(
            "Return URL", "With `confirm`: where the customer comes back to after a redirect-based payment.", optional=True,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=payment_intent_summary,
)
async def create_payment_intent(ctx):
    if ctx.props.get("confirm") and not ctx.props.get("paymentMethod"):
        raise ActionError("confirming needs a paymentMethod (a saved `pm_...` of the customer)")
    data = clean({
        "amount": ctx.props.amount,
        "currency": ctx.props.currency.lower(),
        "customer": ctx.props.get("customer"),
        "description": ctx.props.get("description"),
        "receipt_email": ctx.props.get("receiptEmail"),
        "payment_method": ctx.props.get("paymentMethod"),
        "confirm": ctx.props.get("confirm"),
        "capture_method": ctx.props.get("captureMethod"),
        "return_url": ctx.props.get("returnUrl"),
        "metadata": ctx.props.get("metadata") or None,
    })
    if ctx.props.get("paymentMethodTypes"):
        data["payment_method_types"] = list(ctx.props.paymentMethodTypes)
    else:
        data["automatic_payment_methods"] = {"enabled": True}
    intent = await request(ctx, "POST", "/payment_intents", data=data, idempotency_key=idempotency_key(ctx))
    ctx.summary = f"Created payment intent {intent['id']} for {money(intent.get('amount'), intent.get('currency'))} ({intent.get('status')})"
    return intent
