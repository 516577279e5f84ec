from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, request, subscription_summary


@app.action(
    "update-subscription",
    title="Update Subscription",
    description=(
        "Change a subscription: switch it to another price (upgrade or downgrade), change its quantity, apply a "
        "coupon, change its payment method or metadata, or set or undo cancellation at the period's end. Only the "
        "values given change. Price changes are prorated unless `prorationBehavior` says otherwise. To end it "
        "now use stripe-cancel-subscription. Returns the updated subscription."
    ),
    props={
        "subscription": app.definition("subscription"),
        "price": app.definition("price", optional=True, description=(
            "The new price for the subscription's item, e.g. `price_1MoBy5LkdIwHu7ixZhnattbh`, from "
            "stripe-list-prices."
        )),
        "quantity": props.integer("Quantity", "The new quantity of the subscription's item, e.g. `10` seats.", min=1, optional=True),
        "item": props.string(
            "Subscription Item",
            "With `price` or `quantity`: which item to change, e.g. `si_NcLYdDxLHxlFo7`, from the `items` of "
            "stripe-list-subscriptions. Needed only when the subscription has several items.",
            optional=True,
        ),
        "prorationBehavior": props.string(
            "Proration",
            "How a price or quantity change is billed: `create_prorations` (Stripe's default) credits and charges "
            "the difference on the next invoice, `always_invoice` invoices it now, `none` bills nothing extra.",
            options=["create_prorations", "always_invoice", "none"],
            optional=True,
        ),
        "cancelAtPeriodEnd": props.boolean(
            "Cancel At Period End",
            "`true` to end the subscription when the paid period ends; `false` to undo a scheduled cancellation.",
            optional=True,
        ),
        "coupon": app.definition("coupon", optional=True, description="A coupon to apply from now on, e.g. `SUMMER25`."),
        "defaultPaymentMethod": props.string(
            "Default Payment Method", "A payment method of the customer to charge from now on, e.g. `pm_1MqLiJLkdIwHu7ixUEgbFdYF`.",
            optional=True,
        ),
        "description": props.string("Description", "A new note shown on the subscription's invoices.", optional=True),
        "metadata": app.definition("metadata"),
    },
    idempotent=True,
    trim=subscription_summary,
)
async def update_subscription(ctx):
    data = clean({
        "proration_behavior": ctx.props.get("prorationBehavior"),
        "cancel_at_period_end": ctx.props.get("cancelAtPeriodEnd"),
        "coupon": ctx.props.get("coupon"),
        "default_payment_method": ctx.props.get("defaultPaymentMethod"),
        "description": ctx.props.get("description"),
    })
    if ctx.props.get("metadata"):
        data["metadata"] = ctx.props.metadata  # empty strings in metadata unset keys, so keep them
    path = f"/subscriptions/{ctx.props.subscription}"
    if ctx.props.get("price") or ctx.props.get("quantity"):
        item = ctx.props.get("item") or await _only_item(ctx, path)
        data["items"] = [clean({"id": item, "price": ctx.props.get("price"), "quantity": ctx.props.get("quantity")})]
    elif ctx.props.get("item"):
        raise ActionError("an item is changed by its price or quantity; give one of them")
    if not data or set(data) == {"proration_behavior"}:
        raise ActionError(
            "give something to change: price, quantity, cancelAtPeriodEnd, coupon, defaultPaymentMethod, "
            "description or metadata"
        )
    subscription = await request(ctx, "POST", path, data=data)
    ctx.summary = f"Updated subscription {subscription['id']} ({', '.join(sorted(data))}); now {subscription.get('status')}"
    return subscription


async def _only_item(ctx, path):
    """The ID of the subscription's one item; a price change must name the item it replaces."""
    current = await request(ctx, "GET", path)
    items = (current.get("items") or {}).get("data") or []
    if len(items) != 1:
        known = ", ".join(f"{i.get('id')} ({(i.get('price') or {}).get('id')})" for i in items) or "none"
        raise ActionError(f"subscription {current.get('id')} has {len(items)} items; name the one to change in `item`: {known}")
    return items[0]["id"]
