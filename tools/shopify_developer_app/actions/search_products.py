from mcp_gateway.catalog import props, within

from ..app import PRODUCT_FIELDS, app, connection, product_summary

_QUERY = f"""query SearchProducts($first: Int!, $after: String, $query: String) {{
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true) {{
    nodes {{ {PRODUCT_FIELDS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}"""


@app.action(
    "search-products",
    title="Search Products",
    description=(
        "Find products in the Shopify store, most recently updated first, with Shopify's search syntax: words in "
        "the title, or filters such as `status:active`, `vendor:Acme`, `product_type:Snowboard`, `tag:sale`, "
        "`sku:ABC-1`. Leave the query empty to list all. For one product's variants and description use "
        "shopify_developer_app-get-product."
    ),
    props={
        "query": props.string("Query", "A Shopify product search, e.g. `snowboard status:active`.", optional=True),
        "limit": props.limit("products"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("products", product_summary),
)
async def search_products(ctx):
    variables = {"query": ctx.props.query} if ctx.props.get("query") else {}
    products, after = await connection(ctx, _QUERY, "products", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                       variables=variables)
    ctx.summary = f"Found {len(products)} product{'s' if len(products) != 1 else ''}" + ("; more with next_cursor" if after else "")
    return {"products": products, "next_cursor": after}
