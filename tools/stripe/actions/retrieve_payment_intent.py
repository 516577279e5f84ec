from ..app import app, money, payment_intent_summary, request


@app.action(
    "retrieve-payment-intent",
    title="Retrieve Payment Intent",
    description=(
        "Get a PaymentIntent by ID to check whether a payment succeeded: status (`succeeded`, "
        "`requires_payment_method`, `requires_capture`, `processing`...), amounts in the currency's smallest unit, "
        "customer and the last payment error. To browse payments use stripe-list-payment-intents; for the "
        "charge attempts behind it, stripe-list-charges."
    ),
    props={"paymentIntent": app.definition("paymentIntent")},
    read_only=True,
    trim=payment_intent_summary,
)
async def retrieve_payment_intent(ctx):
    intent = await request(ctx, "GET", f"/payment_intents/{ctx.props.paymentIntent}")
    ctx.summary = f"Payment intent {intent['id']} for {money(intent.get('amount'), intent.get('currency'))} is {intent.get('status')}"
    return intent
