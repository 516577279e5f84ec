from mcp_gateway.catalog import props

from ..app import app, clean, money, payment_intent_summary, request


@app.action(
    "capture-payment-intent",
    title="Capture Payment Intent",
    description=(
        "Take the money of an authorized payment: a PaymentIntent created with `captureMethod` `manual` whose "
        "status is `requires_capture`. Capture all of it or less; the rest is released. To release the whole "
        "hold instead, use stripe-cancel-payment-intent. Returns the intent, `succeeded` once captured."
    ),
    props={
        "paymentIntent": app.definition("paymentIntent"),
        "amountToCapture": props.integer(
            "Amount To Capture",
            "How much to take, in the currency's smallest unit (cents for usd, e.g. `1500` for $15.00), at most the "
            "authorized amount. Leave empty to capture all of it.",
            min=1,
            optional=True,
        ),
        "metadata": app.definition("metadata"),
    },
    trim=payment_intent_summary,
)
async def capture_payment_intent(ctx):
    data = clean({"amount_to_capture": ctx.props.get("amountToCapture"), "metadata": ctx.props.get("metadata") or None})
    intent = await request(ctx, "POST", f"/payment_intents/{ctx.props.paymentIntent}/capture", data=data)
    ctx.summary = (
        f"Captured {money(intent.get('amount_received'), intent.get('currency'))} of payment intent {intent['id']} "
        f"({intent.get('status')})"
    )
    return intent
