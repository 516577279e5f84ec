from urllib.parse import quote

from ..app import api, app, customer_summary, subscription_summary


@app.action(
    "retrieve-subscription",
    title="Retrieve Subscription",
    description=(
        "Read one Chargebee subscription: its status, item prices and quantities, billing period, next billing date "
        "and its customer. To find subscriptions by customer or status use chargebee-list-subscriptions."
    ),
    props={"subscriptionId": app.definition("subscriptionId")},
    read_only=True,
    trim=lambda found: {**subscription_summary(found.get("subscription") or {}),
                        "customer": customer_summary(found.get("customer") or {})},
)
async def retrieve_subscription(ctx):
    found = await api(ctx, "GET", f"/subscriptions/{quote(ctx.props.subscriptionId.strip(), safe='')}")
    subscription = found.get("subscription") or {}
    ctx.summary = f"Read the subscription {subscription.get('id')} ({subscription.get('status')})"
    return found
