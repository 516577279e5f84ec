from mcp_gateway.catalog import props, within

from ..app import app, charge_summary, list_page, listed


@app.action(
    "list-charges",
    title="List Charges",
    description=(
        "List charges (each attempt to move money from a card or account), newest first, optionally of one "
        "customer or payment intent: status, amounts captured and refunded in the currency's smallest unit, "
        "receipt URL and failure message. For the payment as a whole use stripe-list-payment-intents. Returns "
        "`charges` and a `next_cursor` when more exist."
    ),
    props={
        "customer": app.definition("customer", optional=True, description=(
            "Only charges of this customer, e.g. `cus_NffrFeUfNV2Hib`. Leave empty for all."
        )),
        "paymentIntent": app.definition("paymentIntent", optional=True, description=(
            "Only charges of this PaymentIntent, e.g. `pi_3MtwBwLkdIwHu7ix28a3tqPa`. Leave empty for all."
        )),
        "limit": props.limit("charges"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("charges", charge_summary),
)
async def list_charges(ctx):
    params = {}
    if ctx.props.get("customer"):
        params["customer"] = ctx.props.customer
    if ctx.props.get("paymentIntent"):
        params["payment_intent"] = ctx.props.paymentIntent
    charges, next_cursor = await list_page(ctx, "/charges", params)
    ctx.summary = listed(len(charges), "charge", next_cursor)
    return {"charges": charges, "next_cursor": next_cursor}
