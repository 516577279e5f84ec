from ..app import api, app, captures_of, order_summary, request_id, seg


@app.action(
    "capture-order",
    title="Capture Order",
    description=(
        "Take the money of a PayPal order the buyer approved (from paypal-create-order). Returns the order, now "
        "COMPLETED, with its capture: the capture ID is what paypal-get-capture and paypal-refund-capture take. Pass a "
        "request ID to make a retry safe."
    ),
    props={"orderId": app.definition("orderId"), "requestId": app.definition("requestId")},
    trim=order_summary,
)
async def capture_order(ctx):
    order = await api(ctx, "POST", f"/v2/checkout/orders/{seg(ctx.props.orderId, 'order ID')}/capture",
                      headers={"Content-Type": "application/json", "PayPal-Request-Id": request_id(ctx),
                               "Prefer": "return=representation"})
    captures = captures_of(order)
    amount = (captures[0].get("amount") if captures else None) or {}
    ctx.summary = (f"Captured {amount.get('value')} {amount.get('currency_code')} for the order {order.get('id')}"
                   if captures else f"The PayPal order {order.get('id')} is {order.get('status')}")
    return order
