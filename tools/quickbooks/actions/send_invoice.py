from mcp_gateway.catalog import props

from ..app import api, app, invoice_summary, seg


@app.action(
    "send-invoice",
    title="Send Invoice",
    description=(
        "Email a QuickBooks invoice to the customer, with a link to view and pay it online if the company takes online "
        "payments. Goes to the invoice's bill email unless another address is given. Sending again resends it."
    ),
    props={
        "invoiceId": app.definition("invoiceId"),
        "sendTo": props.string("Send To", "Email it to this address instead (it becomes the invoice's bill email).",
                               optional=True),
    },
    trim=invoice_summary,
)
async def send_invoice(ctx):
    params = {"sendTo": ctx.props.sendTo.strip()} if ctx.props.get("sendTo") else None
    invoice = (await api(ctx, "POST", f"/invoice/{seg(ctx.props.invoiceId, 'invoice ID')}/send", params=params,
                         headers={"Content-Type": "application/octet-stream"})).get("Invoice") or {}
    ctx.summary = f"Emailed invoice #{invoice.get('DocNumber') or invoice.get('Id')} to {(invoice.get('BillEmail') or {}).get('Address')}"
    return invoice
