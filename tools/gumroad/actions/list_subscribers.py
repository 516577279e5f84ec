from mcp_gateway.catalog import props, within

from ..app import app, collect, seg, subscriber_summary


@app.action(
    "list-subscribers",
    title="List Subscribers",
    description=(
        "List the subscribers of one Gumroad membership or subscription product, optionally only one buyer email: "
        "their status (alive, cancelled, failed payment...), billing recurrence and charges so far."
    ),
    props={
        "productId": app.definition("productId", description="The membership product: an ID from gumroad-list-products."),
        "email": props.string("Email", "Only the subscriber with this email.", optional=True),
        "limit": props.limit("subscribers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("subscribers", subscriber_summary),
)
async def list_subscribers(ctx):
    params = {"paginated": "true", **({"email": ctx.props.email} if ctx.props.get("email") else {})}
    found = await collect(ctx, f"/products/{seg(ctx.props.productId)}/subscribers", "subscribers",
                          limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['subscribers'])} subscriber{'s' if len(found['subscribers']) != 1 else ''}"
    return found
