from ..app import app, invoice_options, invoice_summary, money, request


@app.action(
    "send-invoice",
    title="Send Invoice",
    description=(
        "Email a finalized invoice to the customer to pay through Stripe's hosted page. The invoice must use the "
        "`send_invoice` collection method; finalize a draft first with stripe-finalize-invoice. To share the "
        "payment link yourself, read `hosted_invoice_url` from stripe-retrieve-invoice instead. In test mode "
        "Stripe sends no email. Returns the invoice."
    ),
    props={"invoice": app.definition("invoice", options=invoice_options("open"), description=(
        "The finalized invoice's ID, e.g. `in_1MtHbELkdIwHu7ixl4OzzPMv`, from stripe-finalize-invoice or "
        "stripe-list-invoices. The choices list open invoices."
    ))},
    trim=invoice_summary,
)
async def send_invoice(ctx):
    invoice = await request(ctx, "POST", f"/invoices/{ctx.props.invoice}/send")
    to = f" to {invoice['customer_email']}" if invoice.get("customer_email") else ""
    ctx.summary = (
        f"Sent invoice {invoice.get('number') or invoice['id']} for "
        f"{money(invoice.get('amount_due'), invoice.get('currency'))}{to}"
    )
    return invoice
