from ..app import app, invoice_summary, money, request


@app.action(
    "retrieve-invoice",
    title="Retrieve Invoice",
    description=(
        "Get one invoice by ID: status, amounts due and paid in the currency's smallest unit, lines, due date, "
        "the hosted payment page (`hosted_invoice_url`) and PDF. To find invoices by customer or status use "
        "stripe-list-invoices."
    ),
    props={"invoice": app.definition("invoice")},
    read_only=True,
    trim=invoice_summary,
)
async def retrieve_invoice(ctx):
    invoice = await request(ctx, "GET", f"/invoices/{ctx.props.invoice}")
    ctx.summary = (
        f"Invoice {invoice.get('number') or invoice['id']} for "
        f"{money(invoice.get('amount_due'), invoice.get('currency'))} is {invoice.get('status')}"
    )
    return invoice
