from mcp_gateway.catalog import ActionError

from ..app import ORDER_FIELDS, app, gid, graphql, money, order_summary

_QUERY = f"""query GetOrder($id: ID!) {{
  order(id: $id) {{
    {ORDER_FIELDS}
    note
    tags
    shippingAddress {{ name address1 address2 city provinceCode zip countryCodeV2 phone }}
    lineItems(first: 100) {{ nodes {{ id title quantity sku originalTotalSet {{ shopMoney {{ amount currencyCode }} }} }} }}
  }}
}}"""


def _details(order):
    return {**order_summary(order), "note": order.get("note"), "tags": order.get("tags"),
            "shipping_address": order.get("shippingAddress"),
            "line_items": [{"id": i.get("id"), "title": i.get("title"), "quantity": i.get("quantity"), "sku": i.get("sku"),
                            "total": money(i.get("originalTotalSet"))}
                           for i in (order.get("lineItems") or {}).get("nodes") or []]}


@app.action(
    "get-order",
    title="Get Order",
    description=(
        "Read one Shopify order: its payment and fulfillment status, total, customer, shipping address, note and "
        "line items. To find an order by number, email or status use shopify_developer_app-search-orders."
    ),
    props={"orderId": app.definition("orderId")},
    read_only=True,
    trim=_details,
)
async def get_order(ctx):
    order = (await graphql(ctx, _QUERY, {"id": gid("Order", ctx.props.orderId)})).get("order")
    if not order:
        raise ActionError("no order has that ID in this store; find it with shopify_developer_app-search-orders")
    ctx.summary = f"Read order {order.get('name')} ({order.get('displayFinancialStatus')})"
    return order
