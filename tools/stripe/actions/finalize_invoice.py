from mcp_gateway.catalog import props

from ..app import app, clean, invoice_options, invoice_summary, money, request


@app.action(
    "finalize-invoice",
    title="Finalize Invoice",
    description=(
        "Finalize a draft invoice so it can be paid: Stripe gives it a number, a hosted payment page and a PDF, "
        "and its lines can no longer change. Add lines first with stripe-create-invoice-item; afterwards email it "
        "with stripe-send-invoice, or cancel it with stripe-void-invoice. Returns the invoice with its payment URL."
    ),
    props={
        "invoice": app.definition("invoice", options=invoice_options("draft"), description=(
            "The draft invoice's ID, e.g. `in_1MtHbELkdIwHu7ixl4OzzPMv`, as returned by stripe-create-invoice. "
            "The choices list draft invoices."
        )),
        "autoAdvance": props.boolean(
            "Auto Advance",
            "`true` lets Stripe collect the invoice on its own after finalizing (charge it, or email it for "
            "`send_invoice` invoices). Leave empty to keep the invoice's setting.",
            optional=True,
        ),
    },
    trim=invoice_summary,
)
async def finalize_invoice(ctx):
    data = clean({"auto_advance": ctx.props.get("autoAdvance")})
    invoice = await request(ctx, "POST", f"/invoices/{ctx.props.invoice}/finalize", data=data)
    ctx.summary = (
        f"Finalized invoice {invoice.get('number') or invoice['id']} for "
        f"{money(invoice.get('amount_due'), invoice.get('currency'))} ({invoice.get('status')})"
    )
    return invoice
