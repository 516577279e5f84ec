from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, idempotency_key, invoice_item_summary, invoice_options, money, request


@app.action(
    "create-invoice-item",
    title="Add Invoice Item",
    description=(
        "Add a line to a customer's draft invoice (or to their next invoice when no invoice is given): either a "
        "price from the catalog with a quantity, or a one-off amount with a description. Create the draft first "
        "with stripe-create-invoice; once the lines are in, stripe-finalize-invoice. Returns the item."
    ),
    props={
        "customer": app.definition("customer"),
        "invoice": props.string(
            "Invoice ID",
            "The draft invoice to add the line to, e.g. `in_1MtHbELkdIwHu7ixl4OzzPMv` (from stripe-create-invoice). "
            "Leave empty to leave the item pending for the customer's next invoice. The choices list draft invoices.",
            options=invoice_options("draft"),
            optional=True,
        ),
        "price": app.definition("price", optional=True, description=(
            "A catalog price to bill, e.g. `price_1MoBy5LkdIwHu7ixZhnattbh`. Use either this or `amount`."
        )),
        "quantity": props.integer("Quantity", "How many units of the price, e.g. `3`.", min=1, optional=True),
        "amount": props.integer(
            "Amount",
            "A one-off amount in the currency's smallest unit (cents for usd, e.g. `15000` for $150.00), instead of a price. Needs `currency`.",
            optional=True,
        ),
        "currency": app.definition("currency", optional=True, description=(
            "With `amount`: three-letter currency code in lowercase, e.g. `usd`."
        )),
        "description": props.string(
            "Description", "The line's text on the invoice, e.g. `Setup fee`. Recommended with `amount`.", optional=True,
        ),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=invoice_item_summary,
)
async def create_invoice_item(ctx):
    price, amount = ctx.props.get("price"), ctx.props.get("amount")
    if bool(price) == (amount is not None):
        raise ActionError("give either a price (with an optional quantity) or an amount with a currency, not both")
    if amount is not None and not ctx.props.get("currency"):
        raise ActionError("an amount needs its currency, e.g. `usd`")
    data = clean({
        "customer": ctx.props.customer,
        "invoice": ctx.props.get("invoice"),
        "price": price,
        "quantity": ctx.props.get("quantity"),
        "amount": amount,
        "currency": (ctx.props.get("currency") or "").lower() or None,
        "description": ctx.props.get("description"),
    })
    item = await request(ctx, "POST", "/invoiceitems", data=data, idempotency_key=idempotency_key(ctx))
    where = f"invoice {item['invoice']}" if item.get("invoice") else f"customer {item.get('customer')}'s next invoice"
    ctx.summary = f"Added {money(item.get('amount'), item.get('currency'))} ({item.get('description') or item['id']}) to {where}"
    return item
