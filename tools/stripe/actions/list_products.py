from mcp_gateway.catalog import props, within

from ..app import app, list_page, listed, product_summary


@app.action(
    "list-products",
    title="List Products",
    description=(
        "List the products in the Stripe catalog, newest first, with each product's ID, name and default price. "
        "For the prices and amounts of the products use stripe-list-prices; to add one, stripe-create-product. "
        "Returns `products` and a `next_cursor` when more exist."
    ),
    props={
        "active": props.boolean("Active Only", "`true` for products available for purchase only.", default=True),
        "limit": props.limit("products"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("products", product_summary),
)
async def list_products(ctx):
    products, next_cursor = await list_page(ctx, "/products", {"active": True} if ctx.props.active else {})
    ctx.summary = listed(len(products), "product", next_cursor)
    return {"products": products, "next_cursor": next_cursor}
