from mcp_gateway.catalog import props

from ..app import api, app, seg


@app.action(
    "send-invoice",
    title="Send Invoice",
    description=(
        "Email a draft PayPal invoice (from paypal-create-draft-invoice) to its recipient, who can pay it online. The "
        "invoice becomes SENT. Returns the link to the invoice's payer page."
    ),
    props={
        "invoiceId": app.definition("invoiceId"),
        "subject": props.string("Subject", "The email's subject; empty uses PayPal's.", optional=True),
        "note": props.string("Note", "A note in the email.", optional=True),
        "sendToInvoicer": props.boolean("Copy Me", "Also email a copy to the PayPal account holder.", optional=True,
                                        default=False),
    },
)
async def send_invoice(ctx):
    invoice_id = ctx.props.invoiceId.strip()
    body = {"send_to_recipient": True, "send_to_invoicer": bool(ctx.props.get("sendToInvoicer"))}
    for prop in ("subject", "note"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    sent = await api(ctx, "POST", f"/v2/invoicing/invoices/{seg(invoice_id, 'invoice ID')}/send", json=body)
    ctx.summary = f"Sent the invoice {invoice_id}"
    return {"invoice_id": invoice_id, "sent": True, "payer_view_url": sent.get("href")}
