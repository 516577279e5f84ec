from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, idempotency_key, invoice_summary, request


@app.action(
    "create-invoice",
    title="Create Invoice",
    description=(
        "Create a draft invoice for a customer. Add lines with stripe-create-invoice-item (passing the new "
        "invoice's ID), or set `includePendingItems` to pull in the customer's pending invoice items; then "
        "stripe-finalize-invoice and stripe-send-invoice. For recurring billing use stripe-create-subscription, "
        "which makes its invoices itself. Returns the draft invoice's ID."
    ),
    props={
        "customer": app.definition("customer"),
        "collectionMethod": props.string(
            "Collection Method",
            "`send_invoice` to email the invoice for the customer to pay, or `charge_automatically` to charge the "
            "customer's default payment method when the invoice is finalized.",
            options=["send_invoice", "charge_automatically"],
            default="send_invoice",
        ),
        "daysUntilDue": props.integer(
            "Days Until Due", "With `send_invoice`: days the customer has to pay, e.g. `30`.", min=0, default=30,
        ),
        "description": props.string("Memo", "A note shown on the invoice, e.g. `Consulting, March 2024`.", optional=True),
        "includePendingItems": props.boolean(
            "Include Pending Items",
            "`true` to add the customer's pending invoice items (created without an invoice) to this invoice.",
            default=False,
        ),
        "autoAdvance": props.boolean(
            "Auto Advance",
            "`true` lets Stripe finalize and collect the invoice on its own about an hour after creation. "
            "Leave `false` to finalize it explicitly.",
            default=False,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=invoice_summary,
)
async def create_invoice(ctx):
    method = ctx.props.collectionMethod
    if method not in ("send_invoice", "charge_automatically"):
        raise ActionError("collectionMethod must be `send_invoice` or `charge_automatically`")
    data = clean({
        "customer": ctx.props.customer,
        "collection_method": method,
        "days_until_due": ctx.props.daysUntilDue if method == "send_invoice" else None,
        "description": ctx.props.get("description"),
        "pending_invoice_items_behavior": "include" if ctx.props.includePendingItems else "exclude",
        "auto_advance": ctx.props.autoAdvance,
        "metadata": ctx.props.get("metadata") or None,
    })
    invoice = await request(ctx, "POST", "/invoices", data=data, idempotency_key=idempotency_key(ctx))
    ctx.summary = f"Created draft invoice {invoice['id']} for customer {invoice.get('customer')}"
    return invoice
