from ..app import api, app, capture_summary, seg


@app.action(
    "get-capture",
    title="Get Captured Payment",
    description=(
        "Read a captured PayPal payment: status (COMPLETED, PENDING, REFUNDED, PARTIALLY_REFUNDED...), amount, PayPal's "
        "fee and the net amount. To give money back use paypal-refund-capture."
    ),
    props={"captureId": app.definition("captureId")},
    read_only=True,
    trim=capture_summary,
)
async def get_capture(ctx):
    capture = await api(ctx, "GET", f"/v2/payments/captures/{seg(ctx.props.captureId, 'capture ID')}")
    amount = capture.get("amount") or {}
    ctx.summary = f"The capture {capture.get('id')} of {amount.get('value')} {amount.get('currency_code')} is {capture.get('status')}"
    return capture
