from mcp_gateway.catalog import props

from ..app import app, money, payment_intent_summary, request


@app.action(
    "retrieve-payment-intent",
    title="Retrieve Payment Intent",
    description=(
        "Get a PaymentIntent by ID to check whether a payment succeeded: status (`succeeded`, "
        "`requires_payment_method`, `processing`...), amounts, customer and the last payment error."
    ),
    props={
        "paymentIntent": props.string(
            "Payment Intent ID", "The PaymentIntent's ID, e.g. `pi_3MtwBwLkdIwHu7ix28a3tqPa`.",
        ),
    },
    read_only=True,
)
async def retrieve_payment_intent(ctx):
    intent = await request(ctx, "GET", f"/payment_intents/{ctx.props.paymentIntent}")
    ctx.summary = f"Payment intent {intent['id']} for {money(intent.get('amount'), intent.get('currency'))} is {intent.get('status')}"
    return payment_intent_summary(intent)
