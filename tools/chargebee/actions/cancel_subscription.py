from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import api, app, subscription_summary


@app.action(
    "cancel-subscription",
    title="Cancel Subscription",
    description=(
        "Cancel a Chargebee subscription (Product Catalog 2.0 sites): now, or when the current term ends. Cancelling "
        "now stops billing at once; at the end of the term it becomes `non_renewing` until then. Returns the "
        "subscription with its new status."
    ),
    props={
        "subscriptionId": app.definition("subscriptionId"),
        "cancelOption": props.string(
            "When", "`immediately`, or `end_of_term` to let the customer keep it until the current term ends.",
            options=["immediately", "end_of_term"], default="immediately"),
        "cancelReasonCode": props.string("Reason Code", "One of the site's cancellation reason codes (Settings, "
                                         "Configure Chargebee, Reason Codes).", optional=True),
    },
    destructive=True,
    trim=lambda found: subscription_summary(found.get("subscription") or {}),
)
async def cancel_subscription(ctx):
    body = {"cancel_option": ctx.props.cancelOption}
    if ctx.props.get("cancelReasonCode"):
        body["cancel_reason_code"] = ctx.props.cancelReasonCode
    found = await api(ctx, "POST", f"/subscriptions/{quote(ctx.props.subscriptionId.strip(), safe='')}/cancel_for_items", data=body)
    subscription = found.get("subscription") or {}
    ctx.summary = f"Cancelled the subscription {subscription.get('id')}; it is now {subscription.get('status')}"
    return found
