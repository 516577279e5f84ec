from ..app import api, app, product_summary, seg


def _details(found):
    product = found.get("product") or {}
    return {**product_summary(product), "description": product.get("description"), "tags": product.get("tags"),
            "variants": product.get("variants"), "recurrences": product.get("recurrences"),
            "thumbnail_url": product.get("thumbnail_url")}


@app.action(
    "get-product",
    title="Get Product",
    description=(
        "Read one Gumroad product: name, description, price, link, variants and, for memberships, its billing "
        "recurrences. To find the product ID use gumroad-list-products."
    ),
    props={"productId": app.definition("productId")},
    read_only=True,
    trim=_details,
)
async def get_product(ctx):
    found = await api(ctx, "GET", f"/products/{seg(ctx.props.productId)}")
    ctx.summary = f"Read the product {(found.get('product') or {}).get('name')!r}"
    return found
