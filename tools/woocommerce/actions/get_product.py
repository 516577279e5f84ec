from ..app import api, app, product_summary


@app.action(
    "get-product",
    title="Get Product",
    description=(
        "Read one WooCommerce product: prices, stock, descriptions, categories, images and attributes. To find its "
        "ID by name or SKU use woocommerce-list-products."
    ),
    props={"productId": app.definition("productId")},
    read_only=True,
    trim=lambda p: {**product_summary(p), "description": p.get("description"), "short_description": p.get("short_description"),
                    "images": [i.get("src") for i in p.get("images") or []], "attributes": p.get("attributes"),
                    "variations": p.get("variations")},
)
async def get_product(ctx):
    product = await api(ctx, "GET", f"/products/{ctx.props.productId}")
    ctx.summary = f"Read the product {product.get('name')!r}"
    return product
