from mcp_gateway.catalog import props

from ..app import app, clean, money, payment_intent_summary, request


@app.action(
    "cancel-payment-intent",
    title="Cancel Payment Intent",
    description=(
        "Cancel a PaymentIntent that has not succeeded yet (awaiting payment, action or capture); a held "
        "authorization is released. This cannot be undone. A payment that already succeeded is refunded with "
        "stripe-create-refund instead. Returns the intent, status `canceled`."
    ),
    props={
        "paymentIntent": app.definition("paymentIntent"),
        "cancellationReason": props.string(
            "Reason",
            "Why it is canceled, kept on the intent.",
            options=["duplicate", "fraudulent", "requested_by_customer", "abandoned"],
            optional=True,
        ),
    },
    destructive=True,
    trim=payment_intent_summary,
)
async def cancel_payment_intent(ctx):
    data = clean({"cancellation_reason": ctx.props.get("cancellationReason")})
    intent = await request(ctx, "POST", f"/payment_intents/{ctx.props.paymentIntent}/cancel", data=data)
    ctx.summary = f"Canceled payment intent {intent['id']} for {money(intent.get('amount'), intent.get('currency'))}"
    return intent
