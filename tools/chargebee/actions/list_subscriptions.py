from mcp_gateway.catalog import props, within

from ..app import app, collect, entry, filters, subscription_summary

_STATUSES = ["future", "in_trial", "active", "non_renewing", "paused", "cancelled", "transferred"]


@app.action(
    "list-subscriptions",
    title="List Subscriptions",
    description=(
        "List the Chargebee site's subscriptions, newest first, optionally of one customer or in one status (e.g. "
        "`active`, `in_trial`, `cancelled`). Returns each one's status, item prices and billing dates. For one "
        "subscription use chargebee-retrieve-subscription."
    ),
    props={
        "customerId": app.definition("customerId", optional=True,
                                     description="Only this customer's subscriptions: a customer ID from chargebee-list-customers."),
        "status": props.string("Status", "Only subscriptions in this status.", options=_STATUSES, optional=True),
        "limit": props.limit("subscriptions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("subscriptions", entry("subscription", subscription_summary)),
)
async def list_subscriptions(ctx):
    params = {"sort_by[desc]": "created_at", **filters(ctx, (("customerId", "customer_id"), ("status", "status")))}
    found = await collect(ctx, "/subscriptions", "subscriptions", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                          params=params)
    ctx.summary = f"Listed {len(found['subscriptions'])} subscription{'s' if len(found['subscriptions']) != 1 else ''}"
    return found
