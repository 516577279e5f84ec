from mcp_gateway.catalog import props

from ..app import AMOUNT_NOTE, amount, api, app, payment_summary


@app.action(
    "create-payment",
    title="Record Payment",
    description=(
        "Record money a customer paid (Receive Payment in QuickBooks), applied to one of their invoices or left as "
        "credit. It records what happened; no money is charged. Returns the payment and the invoices it paid."
    ),
    props={
        "customerId": app.definition("customerId"),
        "totalAmount": props.any_value("Amount", f"How much was received, {AMOUNT_NOTE}."),
        "invoiceId": app.definition(
            "invoiceId", optional=True,
            description="The invoice the payment pays (its ID from quickbooks-query or quickbooks-create-invoice). "
                        "Empty: the amount stays as the customer's credit."),
        "txnDate": props.string("Payment Date", "`YYYY-MM-DD`; defaults to today.", optional=True),
        "paymentRefNum": props.string("Reference", "A check number or other reference.", optional=True),
    },
    trim=payment_summary,
)
async def create_payment(ctx):
    total = amount(ctx.props.totalAmount)
    body = {"CustomerRef": {"value": str(ctx.props.customerId)}, "TotalAmt": total}
    if ctx.props.get("invoiceId"):
        body["Line"] = [{"Amount": total, "LinkedTxn": [{"TxnId": str(ctx.props.invoiceId), "TxnType": "Invoice"}]}]
    for prop, field in (("txnDate", "TxnDate"), ("paymentRefNum", "PaymentRefNum")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    payment = (await api(ctx, "POST", "/payment", json=body)).get("Payment") or {}
    target = f"invoice {ctx.props.invoiceId}" if ctx.props.get("invoiceId") else "the customer's credit"
    ctx.summary = f"Recorded a payment of {payment.get('TotalAmt')} to {target}"
    return payment
