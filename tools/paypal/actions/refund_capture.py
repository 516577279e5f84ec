from mcp_gateway.catalog import ActionError, props

from ..app import AMOUNT_NOTE, api, app, money, request_id, seg


def _refund(refund):
    return {"id": refund.get("id"), "status": refund.get("status"), "amount": refund.get("amount"),
            "note_to_payer": refund.get("note_to_payer"), "create_time": refund.get("create_time")}


@app.action(
    "refund-capture",
    title="Refund Captured Payment",
    description=(
        "Give back all or part of a captured PayPal payment to the buyer. Money moves: check the capture first with "
        "paypal-get-capture. Leave the amount empty to refund what is left in full. Pass a request ID to make a retry "
        "safe."
    ),
    props={
        "captureId": app.definition("captureId"),
        "amount": props.string("Amount", f"How much to refund, {AMOUNT_NOTE}. Empty: the whole rest.", optional=True),
        "currency": app.definition("currency", optional=True, description="The capture's currency, e.g. `USD`; needed "
                                   "with an amount."),
        "noteToPayer": props.string("Note to Buyer", "Why, shown to the buyer, e.g. `Returned item`.", optional=True),
        "invoiceId": props.string("Your Invoice ID", "Your own invoice number for this refund.", optional=True),
        "requestId": app.definition("requestId"),
    },
    trim=_refund,
)
async def refund_capture(ctx):
    body = {}
    if ctx.props.get("amount"):
        if not ctx.props.get("currency"):
            raise ActionError("a partial refund needs the currency too, e.g. `USD`")
        body["amount"] = money(ctx.props.amount, ctx.props.currency)
    if ctx.props.get("noteToPayer"):
        body["note_to_payer"] = ctx.props.noteToPayer
    if ctx.props.get("invoiceId"):
        body["invoice_id"] = ctx.props.invoiceId
    refund = await api(ctx, "POST", f"/v2/payments/captures/{seg(ctx.props.captureId, 'capture ID')}/refund", json=body,
                       headers={"PayPal-Request-Id": request_id(ctx), "Prefer": "return=representation"})
    amount = refund.get("amount") or body.get("amount") or {}
    what = f"{amount.get('value')} {amount.get('currency_code')}" if amount else "the rest"
    ctx.summary = f"Refund {refund.get('id')} of {what} is {refund.get('status')}"
    return refund
