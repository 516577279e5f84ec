from mcp_gateway.catalog import ActionError, props

from ..app import PRODUCT_PROPS, api, app, product_body, product_summary


@app.action(
    "update-product",
    title="Update Product",
    description=(
        "Change some fields of a WooCommerce product (price, sale price, stock, status, name...); fields left empty "
        "keep their value. Setting categoryIds replaces the product's categories."
    ),
    props={"productId": app.definition("productId"), "name": props.string("Name", "A new name.", optional=True), **PRODUCT_PROPS},
    idempotent=True,
    trim=product_summary,
)
async def update_product(ctx):
    body = product_body(ctx)
    if not body:
        raise ActionError("give at least one field to change, e.g. regularPrice or stockQuantity")
    product = await api(ctx, "PUT", f"/products/{ctx.props.productId}", json=body)
    ctx.summary = f"Updated the product {product.get('name')!r}: {', '.join(body)}"
    return product
