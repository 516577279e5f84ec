from mcp_gateway.catalog import props

from ..app import MONEY_NOTE, api, app, idempotency_key, money, refund_summary


@app.action(
    "refund-payment",
    title="Refund Payment",
    description=(
        "Give back all or part of a completed Square payment to the card or wallet it came from. Money moves: check "
        "the payment first with square-get-payment. Refunds start PENDING and complete within days. Pass an "
        "idempotency key to make a retry safe."
    ),
    props={
        "paymentId": app.definition("paymentId"),
        "amount": props.integer("Amount", f"How much to refund, {MONEY_NOTE}; at most what is left of the payment.", min=1),
        "currency": app.definition("currency", description="The payment's currency, e.g. `USD`."),
        "reason": props.string("Reason", "Why, shown to the seller, e.g. `Returned item`.", optional=True),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=refund_summary,
)
async def refund_payment(ctx):
    body = {
        "idempotency_key": idempotency_key(ctx),
        "payment_id": ctx.props.paymentId.strip(),
        "amount_money": money(ctx.props.amount, ctx.props.currency),
    }
    if ctx.props.get("reason"):
        body["reason"] = ctx.props.reason
    refund = (await api(ctx, "POST", "/v2/refunds", json=body)).get("refund") or {}
    ctx.summary = f"Refund {refund.get('id')} of {ctx.props.amount} {body['amount_money']['currency']} is {refund.get('status')}"
    return refund
