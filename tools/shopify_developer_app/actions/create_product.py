from mcp_gateway.catalog import props

from ..app import PRODUCT_FIELDS, PRODUCT_INPUT_PROPS, app, graphql, product_input, product_summary, user_errors

_MUTATION = f"""mutation CreateProduct($product: ProductCreateInput!) {{
  productCreate(product: $product) {{
    product {{ {PRODUCT_FIELDS} }}
    userErrors {{ field message }}
  }}
}}"""


@app.action(
    "create-product",
    title="Create Product",
    description=(
        "Add a product to the Shopify store with its title, description, vendor, type, tags and status; it gets "
        "one default variant. New products are `ACTIVE` unless status says `DRAFT`. To change an existing product "
        "use shopify_developer_app-update-product."
    ),
    props={"title": props.string("Title", "The product's name, e.g. `Winter Snowboard`."), **PRODUCT_INPUT_PROPS},
    trim=product_summary,
)
async def create_product(ctx):
    payload = (await graphql(ctx, _MUTATION, {"product": product_input(ctx)})).get("productCreate") or {}
    user_errors(payload, "create the product")
    product = payload.get("product") or {}
    ctx.summary = f"Created the product {product.get('title')!r} ({product.get('id')})"
    return product
