from mcp_gateway.catalog import ActionError, props

from ..app import PRODUCT_FIELDS, PRODUCT_INPUT_PROPS, app, gid, graphql, product_input, product_summary, user_errors

_MUTATION = f"""mutation UpdateProduct($product: ProductUpdateInput!) {{
  productUpdate(product: $product) {{
    product {{ {PRODUCT_FIELDS} }}
    userErrors {{ field message }}
  }}
}}"""


@app.action(
    "update-product",
    title="Update Product",
    description=(
        "Change some fields of a Shopify product (title, description, vendor, type, status, handle); fields left "
        "empty keep their value, and tags given replace all of the product's tags. Prices and stock belong to "
        "variants and are not changed here."
    ),
    props={"productId": app.definition("productId"), "title": props.string("Title", "A new name.", optional=True),
           **PRODUCT_INPUT_PROPS},
    idempotent=True,
    trim=product_summary,
)
async def update_product(ctx):
    changes = product_input(ctx)
    if not changes:
        raise ActionError("give at least one field to change, e.g. title or status")
    product_id = gid("Product", ctx.props.productId)
    payload = (await graphql(ctx, _MUTATION, {"product": {"id": product_id, **changes}})).get("productUpdate") or {}
    user_errors(payload, "update the product")
    product = payload.get("product") or {}
    ctx.summary = f"Updated the product {product.get('title')!r}: {', '.join(changes)}"
    return product
