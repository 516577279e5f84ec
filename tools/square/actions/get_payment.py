from ..app import api, app, payment_summary, seg


@app.action(
    "get-payment",
    title="Get Payment",
    description=(
        "Read one Square payment by ID: its amount (in the currency's smallest unit), status, card, order, customer, "
        "receipt link and refunds so far. To browse payments use square-list-payments."
    ),
    props={
        "paymentId": app.definition("paymentId"),
    },
    read_only=True,
    trim=payment_summary,
)
async def get_payment(ctx):
    payment = (await api(ctx, "GET", f"/v2/payments/{seg(ctx.props.paymentId)}")).get("payment") or {}
    money = payment.get("amount_money") or {}
    ctx.summary = f"Read the {payment.get('status', '').lower()} payment {payment.get('id')} of {money.get('amount')} {money.get('currency')}"
    return payment
