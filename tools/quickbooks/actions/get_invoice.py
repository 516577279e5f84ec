from ..app import api, app, invoice_summary, seg


@app.action(
    "get-invoice",
    title="Get Invoice",
    description=(
        "Read one QuickBooks invoice by ID: customer, lines, total, open balance, due date and whether it was emailed. "
        "To find invoices by number, customer or balance use quickbooks-query."
    ),
    props={"invoiceId": app.definition("invoiceId")},
    read_only=True,
    trim=invoice_summary,
)
async def get_invoice(ctx):
    invoice = (await api(ctx, "GET", f"/invoice/{seg(ctx.props.invoiceId, 'invoice ID')}")).get("Invoice") or {}
    ctx.summary = f"Read invoice #{invoice.get('DocNumber') or invoice.get('Id')} with {invoice.get('Balance')} open"
    return invoice
