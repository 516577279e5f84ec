from mcp_gateway.catalog import props, within

from ..app import app, list_page, listed, subscription_summary


@app.action(
    "list-subscriptions",
    title="List Subscriptions",
    description=(
        "List subscriptions, newest first, optionally of one customer or price, or of one status: items with "
        "prices (amounts in the currency's smallest unit), current period and cancellation state. Without a "
        "status, Stripe leaves out canceled ones. To subscribe someone use stripe-create-subscription. Returns "
        "`subscriptions` and a `next_cursor` when more exist."
    ),
    props={
        "customer": app.definition("customer", optional=True, description=(
            "Only subscriptions of this customer, e.g. `cus_NffrFeUfNV2Hib`. Leave empty for all."
        )),
        "price": app.definition("price", optional=True, description=(
            "Only subscriptions to this price, e.g. `price_1MoBy5LkdIwHu7ixZhnattbh`. Leave empty for all."
        )),
        "status": props.string(
            "Status",
            "Only subscriptions in this state; `all` includes canceled ones, `ended` canceled and expired ones.",
            options=["active", "past_due", "unpaid", "canceled", "incomplete", "incomplete_expired", "trialing",
                     "paused", "ended", "all"],
            optional=True,
        ),
        "limit": props.limit("subscriptions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("subscriptions", subscription_summary),
)
async def list_subscriptions(ctx):
    params = {}
    for name in ("customer", "price", "status"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    subscriptions, next_cursor = await list_page(ctx, "/subscriptions", params)
    ctx.summary = listed(len(subscriptions), "subscription", next_cursor)
    return {"subscriptions": subscriptions, "next_cursor": next_cursor}
