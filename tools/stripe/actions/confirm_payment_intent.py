from mcp_gateway.catalog import props

from ..app import app, clean, money, payment_intent_summary, request


@app.action(
    "confirm-payment-intent",
    title="Confirm Payment Intent",
    description=(
        "Confirm a PaymentIntent, i.e. attempt the payment with a payment method, when it was created without "
        "`confirm` by stripe-create-payment-intent. The status afterwards says what happened: `succeeded`, "
        "`requires_capture` (then stripe-capture-payment-intent), `requires_action` (the customer must "
        "authenticate) or `requires_payment_method` (it failed). Returns the intent."
    ),
    props={
        "paymentIntent": app.definition("paymentIntent"),
        "paymentMethod": props.string(
            "Payment Method",
            "The ID of a payment method to pay with, e.g. `pm_1MqLiJLkdIwHu7ixUEgbFdYF` (saved on the intent's "
            "customer). Leave empty to use the one already on the intent.",
            optional=True,
        ),
        "returnUrl": props.string(
            "Return URL", "Where the customer comes back to after a redirect-based payment method, e.g. 3-D Secure.",
            optional=True,
        ),
        "receiptEmail": props.string("Receipt Email", "Where Stripe emails the receipt once the payment succeeds.", optional=True),
        "offSession": props.boolean(
            "Off Session",
            "`true` when the customer is not present (e.g. a charge on a saved card from a background job); Stripe "
            "then fails instead of asking for authentication.",
            optional=True,
        ),
    },
    trim=payment_intent_summary,
)
async def confirm_payment_intent(ctx):
    data = clean({
        "payment_method": ctx.props.get("paymentMethod"),
        "return_url": ctx.props.get("returnUrl"),
        "receipt_email": ctx.props.get("receiptEmail"),
        "off_session": ctx.props.get("offSession"),
    })
    intent = await request(ctx, "POST", f"/payment_intents/{ctx.props.paymentIntent}/confirm", data=data)
    ctx.summary = f"Confirmed payment intent {intent['id']} for {money(intent.get('amount'), intent.get('currency'))} ({intent.get('status')})"
    return intent
