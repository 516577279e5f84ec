from ..app import api, app, order_summary


@app.action(
    "get-order",
    title="Get Order",
    description=(
        "Read one WooCommerce order: status, totals, line items, billing and shipping addresses, payment and the "
        "customer's note. To find orders by buyer or status use woocommerce-list-orders."
    ),
    props={"orderId": app.definition("orderId")},
    read_only=True,
    trim=lambda o: {**order_summary(o), "billing": o.get("billing"), "shipping": o.get("shipping"),
                    "shipping_total": o.get("shipping_total"), "total_tax": o.get("total_tax"),
                    "customer_note": o.get("customer_note"), "date_paid": o.get("date_paid"),
                    "date_completed": o.get("date_completed")},
)
async def get_order(ctx):
    order = await api(ctx, "GET", f"/orders/{ctx.props.orderId}")
    ctx.summary = f"Read order #{order.get('number')} ({order.get('status')})"
    return order
