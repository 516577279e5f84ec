from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, idempotency_key, money, refund_summary, request


@app.action(
    "create-refund",
    title="Create Refund",
    description=(
        "Refund a payment, fully or in part, back to the payment method it was made with. Identify the payment "
        "by its PaymentIntent (`pi_...`, from stripe-list-payment-intents) or charge (`ch_...`, from "
        "stripe-list-charges). To stop a payment that was only authorized, use stripe-cancel-payment-intent "
        "instead; stripe-list-refunds shows earlier refunds. Returns the refund and its status."
    ),
    props={
        "paymentIntent": app.definition("paymentIntent", optional=True, description=(
            "The PaymentIntent to refund, e.g. `pi_3MtwBwLkdIwHu7ix28a3tqPa`, from stripe-list-payment-intents. Use "
            "this or `charge`."
        )),
        "charge": app.definition("charge", optional=True, description=(
            "The charge to refund, e.g. `ch_3MmlLrLkdIwHu7ix0snN0B15`, from stripe-list-charges. Use this or "
            "`paymentIntent`."
        )),
        "amount": props.integer(
            "Amount",
            "How much to refund in the currency's smallest unit (cents for usd, e.g. `500` for $5.00). Leave empty "
            "to refund everything not yet refunded.",
            min=1,
            optional=True,
        ),
        "reason": props.string(
            "Reason",
            "Why the payment is refunded; `fraudulent` also helps Stripe's fraud detection.",
            options=["requested_by_customer", "duplicate", "fraudulent"],
            optional=True,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    destructive=True,
    trim=refund_summary,
)
async def create_refund(ctx):
    intent, charge = ctx.props.get("paymentIntent"), ctx.props.get("charge")
    if bool(intent) == bool(charge):
        raise ActionError("give either paymentIntent or charge (one of them)")
    data = clean({
        "payment_intent": intent,
        "charge": charge,
        "amount": ctx.props.get("amount"),
        "reason": ctx.props.get("reason"),
        "metadata": ctx.props.get("metadata") or None,
    })
    refund = await request(ctx, "POST", "/refunds", data=data, idempotency_key=idempotency_key(ctx))
    target = refund.get("payment_intent") or refund.get("charge")
    ctx.summary = f"Refunded {money(refund.get('amount'), refund.get('currency'))} of {target} ({refund.get('status')})"
    return refund
