from mcp_gateway.catalog import ActionError, props

from ..app import AMOUNT_NOTE, api, app, invoice_summary, money

_TERMS = ["DUE_ON_RECEIPT", "NET_10", "NET_15", "NET_30", "NET_45", "NET_60", "NET_90", "NO_DUE_DATE"]


@app.action(
    "create-draft-invoice",
    title="Create Draft Invoice",
    description=(
        "Create a PayPal invoice as a draft: the recipient, lines and payment terms. Nothing is sent: email it with "
        "paypal-send-invoice (the recipient pays online through PayPal). Returns the invoice with its ID."
    ),
    props={
        "recipientEmail": props.string("Recipient Email", "Who is billed, e.g. `bill-me@example.com`."),
        "recipientGivenName": props.string("Recipient First Name", "The recipient's given name.", optional=True),
        "recipientSurname": props.string("Recipient Last Name", "The recipient's surname.", optional=True),
        "currency": app.definition("currency"),
        "items": props.object_list(
            "Items",
            "What is billed: `[{\"name\": \"Design work\", \"quantity\": \"2\", \"unitAmount\": \"75.00\", "
            f"\"description\": \"Logo drafts\"}}]`; amounts are {AMOUNT_NOTE}.",
        ),
        "invoiceNumber": props.string("Invoice Number", "Your own invoice number; empty lets PayPal pick the next one.",
                                      optional=True),
        "paymentTerm": props.string("Payment Terms", "When it is due, e.g. `NET_30`; or give a due date instead.",
                                    options=_TERMS, optional=True),
        "dueDate": props.string("Due Date", "`YYYY-MM-DD`, instead of payment terms.", optional=True),
        "note": props.string("Note", "A note to the recipient on the invoice.", optional=True),
    },
    trim=invoice_summary,
)
async def create_draft_invoice(ctx):
    if not ctx.props["items"]:
        raise ActionError("give the invoice at least one item")
    if ctx.props.get("paymentTerm") and ctx.props.get("dueDate"):
        raise ActionError("give payment terms or a due date, not both")
    currency = str(ctx.props.currency).strip().upper()
    detail = {"currency_code": currency}
    if ctx.props.get("invoiceNumber"):
        detail["invoice_number"] = ctx.props.invoiceNumber
    if ctx.props.get("note"):
        detail["note"] = ctx.props.note
    if ctx.props.get("paymentTerm"):
        detail["payment_term"] = {"term_type": ctx.props.paymentTerm}
    elif ctx.props.get("dueDate"):
        detail["payment_term"] = {"due_date": ctx.props.dueDate}
    billing = {"email_address": ctx.props.recipientEmail.strip()}
    name = {field: ctx.props[prop] for prop, field in (("recipientGivenName", "given_name"), ("recipientSurname", "surname"))
            if ctx.props.get(prop)}
    if name:
        billing["name"] = name
    body = {"detail": detail, "primary_recipients": [{"billing_info": billing}],
            "items": [_item(i, raw, currency) for i, raw in enumerate(ctx.props["items"], 1)]}
    # Without this preference PayPal answers with a link only, not the invoice.
    invoice = await api(ctx, "POST", "/v2/invoicing/invoices", json=body, headers={"Prefer": "return=representation"})
    ctx.summary = f"Created the draft invoice {invoice.get('id')} for {billing['email_address']}"
    return invoice


def _item(number, raw, currency):
    if not isinstance(raw, dict) or not raw.get("name") or raw.get("unitAmount") in (None, ""):
        raise ActionError(f"item {number} needs a `name` and a `unitAmount`")
    item = {"name": raw["name"], "quantity": str(raw.get("quantity", 1)),
            "unit_amount": money(raw["unitAmount"], currency, f"item {number}'s unitAmount")}
    if raw.get("description"):
        item["description"] = raw["description"]
    return item
