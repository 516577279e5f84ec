from mcp_gateway.catalog import ActionError

from ..app import PRODUCT_FIELDS, app, gid, graphql, product_summary

_QUERY = f"""query GetProduct($id: ID!) {{
  product(id: $id) {{
    {PRODUCT_FIELDS}
    descriptionHtml
    variants(first: 100) {{ nodes {{ id title sku price inventoryQuantity }} }}
  }}
}}"""


def _details(product):
    return {**product_summary(product), "description_html": product.get("descriptionHtml"),
            "variants": [{"id": v.get("id"), "title": v.get("title"), "sku": v.get("sku"), "price": v.get("price"),
                          "inventory_quantity": v.get("inventoryQuantity")}
                         for v in (product.get("variants") or {}).get("nodes") or []]}


@app.action(
    "get-product",
    title="Get Product",
    description=(
        "Read one Shopify product: title, status, description, price range, inventory and its variants (ID, SKU, "
        "price, quantity). To find a product by title, SKU or tag use shopify_developer_app-search-products."
    ),
    props={"productId": app.definition("productId")},
    read_only=True,
    trim=_details,
)
async def get_product(ctx):
    product = (await graphql(ctx, _QUERY, {"id": gid("Product", ctx.props.productId)})).get("product")
    if not product:
        raise ActionError("no product has that ID in this store; find it with shopify_developer_app-search-products")
    ctx.summary = f"Read the product {product.get('title')!r}"
    return product
