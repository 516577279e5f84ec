from mcp_gateway.catalog import props, within

from ..app import ORDER_STATUSES, app, order_summary, page


@app.action(
    "list-orders",
    title="List Orders",
    description=(
        "List the store's WooCommerce orders, newest first, by status, customer, words (name, email, address) or "
        "date range. Returns each order's number, status, total, buyer and items. For one order use "
        "woocommerce-get-order."
    ),
    props={
        "status": props.string("Status", "Only orders in this status.", options=["any", *ORDER_STATUSES], optional=True),
        "customer": props.integer("Customer ID", "Only orders of this customer ID, from woocommerce-list-customers.",
                                  optional=True, min=1),
        "search": props.string("Search", "Only orders matching these words.", optional=True),
        "after": props.string("After", "Only orders created after this time, ISO 8601, e.g. `2026-12-01T00:00:00`.", optional=True),
        "before": props.string("Before", "Only orders created before this time, ISO 8601.", optional=True),
        "limit": props.limit("orders"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("orders", order_summary),
)
async def list_orders(ctx):
    params = {field: ctx.props[prop] for prop, field in (
        ("status", "status"), ("customer", "customer"), ("search", "search"), ("after", "after"), ("before", "before"))
        if ctx.props.get(prop)}
    found = await page(ctx, "/orders", "orders", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['orders'])} order{'s' if len(found['orders']) != 1 else ''}" + (
        f" of {found['total']}" if found["total"] is not None else "")
    return found
