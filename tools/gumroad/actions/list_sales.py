from mcp_gateway.catalog import props, within

from ..app import app, collect, sale_summary


@app.action(
    "list-sales",
    title="List Sales",
    description=(
        "List the connected creator's Gumroad sales, newest first, optionally of one product, to one buyer email, "
        "or between two dates. Returns each sale's ID, buyer, price, refund state and license key. For one sale use "
        "gumroad-get-sale."
    ),
    props={
        "productId": app.definition("productId", optional=True, description="Only sales of this product (an ID from gumroad-list-products)."),
        "email": props.string("Buyer Email", "Only sales to this buyer email.", optional=True),
        "orderId": props.string("Order ID", "Only the sale with this order number (from the buyer's receipt).", optional=True),
        "after": props.string("After", "Only sales after this day, `YYYY-MM-DD`.", optional=True),
        "before": props.string("Before", "Only sales before this day, `YYYY-MM-DD`.", optional=True),
        "limit": props.limit("sales"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("sales", sale_summary),
)
async def list_sales(ctx):
    params = {field: ctx.props[prop] for prop, field in (
        ("productId", "product_id"), ("email", "email"), ("orderId", "order_id"), ("after", "after"), ("before", "before"))
        if ctx.props.get(prop)}
    found = await collect(ctx, "/sales", "sales", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['sales'])} sale{'s' if len(found['sales']) != 1 else ''}"
    return found
