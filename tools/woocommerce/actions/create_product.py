from mcp_gateway.catalog import props

from ..app import PRODUCT_PROPS, api, app, product_body, product_summary


@app.action(
    "create-product",
    title="Create Product",
    description=(
        "Add a product to the WooCommerce store with its price, SKU, stock and categories. It is published at once "
        "unless status is `draft`. To change an existing product use woocommerce-update-product."
    ),
    props={"name": props.string("Name", "The product's name, e.g. `Premium Quality T-shirt`."), **PRODUCT_PROPS},
    trim=product_summary,
)
async def create_product(ctx):
    product = await api(ctx, "POST", "/products", json=product_body(ctx))
    ctx.summary = f"Created the product {product.get('name')!r} (ID {product.get('id')})"
    return product
