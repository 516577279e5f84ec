from mcp_gateway.catalog import props

from ..app import ORDER_STATUSES, api, app, order_summary


@app.action(
    "update-order-status",
    title="Update Order Status",
    description=(
        "Move a WooCommerce order to another status, e.g. `completed` once shipped or `cancelled`. WooCommerce runs "
        "its usual effects: emails to the buyer, stock changes. Setting `refunded` does not send money back."
    ),
    props={
        "orderId": app.definition("orderId"),
        "status": props.string("Status", "The order's new status.", options=ORDER_STATUSES),
    },
    idempotent=True,
    trim=order_summary,
)
async def update_order_status(ctx):
    order = await api(ctx, "PUT", f"/orders/{ctx.props.orderId}", json={"status": ctx.props.status})
    ctx.summary = f"Order #{order.get('number')} is now {order.get('status')}"
    return order
