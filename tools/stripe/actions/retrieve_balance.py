from ..app import app, money, request


def _balance_summary(balance):
    def amounts(entries):
        return [{"amount": e.get("amount"), "currency": e.get("currency")} for e in entries or []]

    return {
        "available": amounts(balance.get("available")),
        "pending": amounts(balance.get("pending")),
        "livemode": balance.get("livemode"),
    }


@app.action(
    "retrieve-balance",
    title="Retrieve Balance",
    description=(
        "Get the Stripe account's balance per currency: `available` (can be paid out now) and `pending` (not yet "
        "settled), amounts in the currency's smallest unit. For the movements behind it use "
        "stripe-list-balance-history; for money sent to the bank, stripe-list-payouts."
    ),
    read_only=True,
    trim=_balance_summary,
)
async def retrieve_balance(ctx):
    balance = await request(ctx, "GET", "/balance")
    available = ", ".join(money(e.get("amount"), e.get("currency")) for e in balance.get("available") or []) or "nothing"
    ctx.summary = f"Available balance: {available}"
    return balance
