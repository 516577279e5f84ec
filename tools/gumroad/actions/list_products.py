from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, product_summary


@app.action(
    "list-products",
    title="List Products",
    description=(
        "List the connected creator's Gumroad products with their IDs, prices, links and sales counts. For one "
        "product's description and variants use gumroad-get-product."
    ),
    props={"limit": props.limit("products"), "cursor": props.cursor()},
    read_only=True,
    trim=within("products", product_summary),
)
async def list_products(ctx):
    # Gumroad returns every product in one answer; the cursor is a position in it.
    cursor = str(ctx.props.get("cursor") or "0")
    if not cursor.isdigit():
        raise ActionError(f"cursor {ctx.props.cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    start = int(cursor)
    products = (await api(ctx, "GET", "/products")).get("products") or []
    end = start + ctx.props.limit
    ctx.summary = f"Listed {len(products[start:end])} of {len(products)} products"
    return {"products": products[start:end], "next_cursor": str(end) if end < len(products) else None}
