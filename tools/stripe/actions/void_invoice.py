from ..app import app, invoice_options, invoice_summary, money, request


@app.action(
    "void-invoice",
    title="Void Invoice",
    description=(
        "Void a finalized invoice that should not be paid (e.g. sent by mistake): it stays on record with status "
        "`void` and can no longer be paid. This cannot be undone. A draft invoice is not voided but deleted in the "
        "Dashboard; a paid one is refunded with stripe-create-refund. Returns the invoice."
    ),
    props={"invoice": app.definition("invoice", options=invoice_options("open"), description=(
        "The finalized invoice's ID, e.g. `in_1MtHbELkdIwHu7ixl4OzzPMv`, from stripe-list-invoices. The choices "
        "list open invoices."
    ))},
    destructive=True,
    idempotent=True,
    trim=invoice_summary,
)
async def void_invoice(ctx):
    invoice = await request(ctx, "POST", f"/invoices/{ctx.props.invoice}/void")
    ctx.summary = (
        f"Voided invoice {invoice.get('number') or invoice['id']} of "
        f"{money(invoice.get('amount_due'), invoice.get('currency'))}"
    )
    return invoice
