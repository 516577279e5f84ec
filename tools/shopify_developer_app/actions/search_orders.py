from mcp_gateway.catalog import props, within

from ..app import ORDER_FIELDS, app, connection, order_summary

_QUERY = f"""query SearchOrders($first: Int!, $after: String, $query: String) {{
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {{
    nodes {{ {ORDER_FIELDS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}"""


@app.action(
    "search-orders",
    title="Search Orders",
    description=(
        "Find orders in the Shopify store, newest first, with Shopify's search syntax, e.g. `email:bob@example.com`, "
        "`name:#1001`, `financial_status:paid`, `fulfillment_status:unfulfilled`, `created_at:>2026-12-01`. "
        "Without the read_all_orders scope Shopify shows only the last 60 days. For an order's line items and "
        "address use shopify_developer_app-get-order."
    ),
    props={
        "query": props.string("Query", "A Shopify order search, e.g. `financial_status:paid created_at:>2026-12-01`.",
                              optional=True),
        "limit": props.limit("orders"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("orders", order_summary),
)
async def search_orders(ctx):
    variables = {"query": ctx.props.query} if ctx.props.get("query") else {}
    orders, after = await connection(ctx, _QUERY, "orders", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                     variables=variables)
    ctx.summary = f"Found {len(orders)} order{'s' if len(orders) != 1 else ''}" + ("; more with next_cursor" if after else "")
    return {"orders": orders, "next_cursor": after}
