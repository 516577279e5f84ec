from mcp_gateway.catalog import props, within

from ..app import app, list_page, listed, payment_intent_summary


@app.action(
    "list-payment-intents",
    title="List Payment Intents",
    description=(
        "List payments (PaymentIntents), newest first, optionally of one customer, with status and amounts in the "
        "currency's smallest unit. For one known payment use stripe-retrieve-payment-intent; for the charge "
        "attempts and receipts, stripe-list-charges. Returns `payment_intents` and a `next_cursor` when more exist."
    ),
    props={
        "customer": app.definition("customer", optional=True, description=(
            "Only payments of this customer, e.g. `cus_NffrFeUfNV2Hib` (from stripe-list-customers). Leave empty for all."
        )),
        "limit": props.limit("payment intents"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("payment_intents", payment_intent_summary),
)
async def list_payment_intents(ctx):
    params = {"customer": ctx.props.customer} if ctx.props.get("customer") else {}
    intents, next_cursor = await list_page(ctx, "/payment_intents", params)
    ctx.summary = listed(len(intents), "payment intent", next_cursor)
    return {"payment_intents": intents, "next_cursor": next_cursor}
