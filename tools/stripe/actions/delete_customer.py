from ..app import app, customer_summary, request


@app.action(
    "delete-customer",
    title="Delete Customer",
    description=(
        "Permanently delete a Stripe customer and cancel their active subscriptions at once. This cannot be "
        "undone; to keep the history and only change details use stripe-update-customer. Returns "
        "`{\"id\": ..., \"deleted\": true}`."
    ),
    props={"customer": app.definition("customer")},
    destructive=True,
    idempotent=True,
    trim=customer_summary,
)
async def delete_customer(ctx):
    deleted = await request(ctx, "DELETE", f"/customers/{ctx.props.customer}")
    ctx.summary = f"Deleted customer {deleted.get('id')}"
    return deleted
