from mcp_gateway.catalog import props, within

from ..app import app, balance_transaction_summary, list_page, listed, payout_options


@app.action(
    "list-balance-history",
    title="List Balance Transactions",
    description=(
        "List the balance transactions that made up the account's balance, newest first: charges, refunds, fees, "
        "payouts, adjustments, each with amount, fee and net in the currency's smallest unit and when it becomes "
        "available. Filter by type or by the payout that paid them out. For the current totals use "
        "stripe-retrieve-balance. Returns `balance_transactions` and a `next_cursor` when more exist."
    ),
    props={
        "type": props.string(
            "Type",
            "Only transactions of this type, e.g. `charge`, `refund`, `payout`, `adjustment`, `stripe_fee`, `payment`.",
            optional=True,
        ),
        "payout": props.string(
            "Payout ID",
            "Only the transactions paid out by this automatic payout, e.g. `po_1OaFDbEcg9tTZuTgNYmX0PKB`, from "
            "stripe-list-payouts. The choices list recent payouts.",
            options=payout_options,
            optional=True,
        ),
        "currency": app.definition("currency", optional=True, description="Only transactions in this currency, e.g. `usd`."),
        "limit": props.limit("balance transactions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("balance_transactions", balance_transaction_summary),
)
async def list_balance_history(ctx):
    params = {}
    for name in ("type", "payout", "currency"):
        if ctx.props.get(name):
            params[name] = ctx.props[name].lower() if name == "currency" else ctx.props[name]
    transactions, next_cursor = await list_page(ctx, "/balance_transactions", params)
    ctx.summary = listed(len(transactions), "balance transaction", next_cursor)
    return {"balance_transactions": transactions, "next_cursor": next_cursor}
