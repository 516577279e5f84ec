from mcp_gateway.catalog import props, within

from ..app import app, list_page, listed, refund_summary


@app.action(
    "list-refunds",
    title="List Refunds",
    description=(
        "List refunds, newest first, optionally of one payment intent or charge, with status and amount in the "
        "currency's smallest unit. To refund a payment use stripe-create-refund. Returns `refunds` and a "
        "`next_cursor` when more exist."
    ),
    props={
        "paymentIntent": app.definition("paymentIntent", optional=True, description=(
            "Only refunds of this PaymentIntent, e.g. `pi_3MtwBwLkdIwHu7ix28a3tqPa`. Leave empty for all."
        )),
        "charge": app.definition("charge", optional=True, description=(
            "Only refunds of this charge, e.g. `ch_3MmlLrLkdIwHu7ix0snN0B15` (from stripe-list-charges)."
        )),
        "limit": props.limit("refunds"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("refunds", refund_summary),
)
async def list_refunds(ctx):
    params = {}
    if ctx.props.get("charge"):
        params["charge"] = ctx.props.charge
    if ctx.props.get("paymentIntent"):
        params["payment_intent"] = ctx.props.paymentIntent
    refunds, next_cursor = await list_page(ctx, "/refunds", params)
    ctx.summary = listed(len(refunds), "refund", next_cursor)
    return {"refunds": refunds, "next_cursor": next_cursor}
