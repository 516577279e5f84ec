from mcp_gateway.catalog import props

from ..app import app, clean, request, subscription_summary


@app.action(
    "cancel-subscription",
    title="Cancel Subscription",
    description=(
        "Cancel a customer's subscription, either now (no further invoices; cannot be undone) or, with "
        "`atPeriodEnd`, when the paid period ends (undo that with stripe-update-subscription and "
        "`cancelAtPeriodEnd` false). Returns the subscription with its new status."
    ),
    props={
        "subscription": app.definition("subscription"),
        "atPeriodEnd": props.boolean(
            "At Period End",
            "`true` keeps the subscription active until the end of the period already paid, then ends it. "
            "`false` (the default) ends it now.",
            default=False,
        ),
        "invoiceNow": props.boolean(
            "Invoice Now",
            "When ending now: `true` makes a final invoice for unbilled metered usage and pending prorations.",
            optional=True,
        ),
        "prorate": props.boolean(
            "Prorate",
            "When ending now: `true` credits the unused time of the current period as a proration item.",
            optional=True,
        ),
        "feedback": props.string(
            "Feedback",
            "The customer's reason for leaving, kept on the subscription.",
            options=["customer_service", "low_quality", "missing_features", "other", "switched_service", "too_complex",
                     "too_expensive", "unused"],
            optional=True,
        ),
        "comment": props.string("Comment", "A note on why the subscription was canceled.", optional=True),
    },
    destructive=True,
    trim=subscription_summary,
)
async def cancel_subscription(ctx):
    path = f"/subscriptions/{ctx.props.subscription}"
    details = clean({"feedback": ctx.props.get("feedback"), "comment": ctx.props.get("comment")}) or None
    if ctx.props.atPeriodEnd:
        data = clean({"cancel_at_period_end": True, "cancellation_details": details})
        subscription = await request(ctx, "POST", path, data=data)
        ctx.summary = f"Subscription {subscription['id']} will end at the period's end ({subscription.get('current_period_end')})"
        return subscription
    data = clean({"invoice_now": ctx.props.get("invoiceNow"), "prorate": ctx.props.get("prorate"), "cancellation_details": details})
    subscription = await request(ctx, "DELETE", path, data=data)
    ctx.summary = f"Canceled subscription {subscription['id']} ({subscription.get('status')})"
    return subscription
