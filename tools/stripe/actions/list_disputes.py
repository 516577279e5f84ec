from mcp_gateway.catalog import props, within

from ..app import app, dispute_summary, list_page, listed


@app.action(
    "list-disputes",
    title="List Disputes",
    description=(
        "List disputes (chargebacks), newest first, optionally of one charge or payment intent: amount in the "
        "currency's smallest unit, reason, status (e.g. `needs_response`, `won`, `lost`) and the evidence due "
        "date. Returns `disputes` and a `next_cursor` when more exist."
    ),
    props={
        "charge": app.definition("charge", optional=True, description=(
            "Only disputes of this charge, e.g. `ch_3MmlLrLkdIwHu7ix0snN0B15` (from stripe-list-charges)."
        )),
        "paymentIntent": app.definition("paymentIntent", optional=True, description=(
            "Only disputes of this PaymentIntent, e.g. `pi_3MtwBwLkdIwHu7ix28a3tqPa`. Leave empty for all."
        )),
        "limit": props.limit("disputes"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("disputes", dispute_summary),
)
async def list_disputes(ctx):
    params = {}
    if ctx.props.get("charge"):
        params["charge"] = ctx.props.charge
    if ctx.props.get("paymentIntent"):
        params["payment_intent"] = ctx.props.paymentIntent
    disputes, next_cursor = await list_page(ctx, "/disputes", params)
    ctx.summary = listed(len(disputes), "dispute", next_cursor)
    return {"disputes": disputes, "next_cursor": next_cursor}
