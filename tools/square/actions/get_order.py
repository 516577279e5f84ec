from mcp_gateway.catalog import props

from ..app import api, app, order_summary, seg


@app.action(
    "get-order",
    title="Get Order",
    description=(
        "Read one Square order by ID: its line items, totals (in the currency's smallest unit), state, customer and "
        "the IDs of the payments that paid it (for square-get-payment). To find orders use square-search-orders."
    ),
    props={
        "orderId": props.string(
            "Order ID", "The order's ID, e.g. `CAISENgvlJ6jLWAzERDzjyHVybY`, from square-search-orders, a payment's "
            "`order_id` or the result of square-create-order."),
    },
    read_only=True,
    trim=order_summary,
)
async def get_order(ctx):
    order = (await api(ctx, "GET", f"/v2/orders/{seg(ctx.props.orderId)}")).get("order") or {}
    ctx.summary = f"Read the {str(order.get('state') or '').lower()} order {order.get('id')}"
    return order
