from mcp_gateway.catalog import props, within

from ..app import CUSTOMER_FIELDS, app, connection, customer_summary

_QUERY = f"""query SearchCustomers($first: Int!, $after: String, $query: String) {{
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true) {{
    nodes {{ {CUSTOMER_FIELDS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}"""


@app.action(
    "search-customers",
    title="Search Customers",
    description=(
        "Find customers of the Shopify store, most recently updated first, by name or with filters such as "
        "`email:bob@example.com`, `phone:+15550100`, `tag:vip`, `country:Canada`. Returns IDs, contact details, order "
        "count and amount spent. Look here before shopify_developer_app-create-customer: emails are unique."
    ),
    props={
        "query": props.string("Query", "A Shopify customer search, e.g. `email:bob@example.com`.", optional=True),
        "limit": props.limit("customers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("customers", customer_summary),
)
async def search_customers(ctx):
    variables = {"query": ctx.props.query} if ctx.props.get("query") else {}
    customers, after = await connection(ctx, _QUERY, "customers", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                        variables=variables)
    ctx.summary = f"Found {len(customers)} customer{'s' if len(customers) != 1 else ''}" + ("; more with next_cursor" if after else "")
    return {"customers": customers, "next_cursor": after}
