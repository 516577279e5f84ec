from ..app import api, app, order_summary, seg


@app.action(
    "get-order",
    title="Get Order",
    description=(
        "Read a PayPal checkout order: its status (CREATED, APPROVED, COMPLETED...), amount, the buyer once they "
        "approved, and its captures. Check it is APPROVED before paypal-capture-order."
    ),
    props={"orderId": app.definition("orderId")},
    read_only=True,
    trim=order_summary,
)
async def get_order(ctx):
    order = await api(ctx, "GET", f"/v2/checkout/orders/{seg(ctx.props.orderId, 'order ID')}")
    ctx.summary = f"The PayPal order {order.get('id')} is {order.get('status')}"
    return order
