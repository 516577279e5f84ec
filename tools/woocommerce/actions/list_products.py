from mcp_gateway.catalog import props, within

from ..app import app, page, product_summary


@app.action(
    "list-products",
    title="List Products",
    description=(
        "List or search the store's WooCommerce products, newest first, by words in the name, SKU, status, "
        "category or stock status. Returns IDs, prices and stock. For one product's full record use "
        "woocommerce-get-product."
    ),
    props={
        "search": props.string("Search", "Only products whose name or content contains these words.", optional=True),
        "sku": props.string("SKU", "Only the product with exactly this SKU.", optional=True),
        "status": props.string("Status", "Only products in this status.", options=["any", "draft", "pending", "private", "publish"], optional=True),
        "category": props.integer("Category ID", "Only products in this category: its ID, the `tag_ID=` in the address "
                                  "of the category's edit page (Products, Categories).", optional=True, min=1),
        "stockStatus": props.string("Stock Status", "Only products `instock`, `outofstock` or `onbackorder`.",
                                    options=["instock", "outofstock", "onbackorder"], optional=True),
        "limit": props.limit("products"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("products", product_summary),
)
async def list_products(ctx):
    params = {field: ctx.props[prop] for prop, field in (
        ("search", "search"), ("sku", "sku"), ("status", "status"), ("category", "category"), ("stockStatus", "stock_status"))
        if ctx.props.get(prop)}
    found = await page(ctx, "/products", "products", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['products'])} product{'s' if len(found['products']) != 1 else ''}" + (
        f" of {found['total']}" if found["total"] is not None else "")
    return found
