from mcp_gateway.catalog import props, within

from ..app import app, list_page, listed, payout_summary


@app.action(
    "list-payouts",
    title="List Payouts",
    description=(
        "List payouts from the Stripe balance to the account's bank account or debit card, newest first: amount "
        "in the currency's smallest unit, status and arrival date. For the transactions a payout contains use "
        "stripe-list-balance-history with its ID. Returns `payouts` and a `next_cursor` when more exist."
    ),
    props={
        "status": props.string(
            "Status",
            "Only payouts in this state.",
            options=["pending", "in_transit", "paid", "failed", "canceled"],
            optional=True,
        ),
        "limit": props.limit("payouts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("payouts", payout_summary),
)
async def list_payouts(ctx):
    payouts, next_cursor = await list_page(ctx, "/payouts", {"status": ctx.props.status} if ctx.props.get("status") else {})
    ctx.summary = listed(len(payouts), "payout", next_cursor)
    return {"payouts": payouts, "next_cursor": next_cursor}
