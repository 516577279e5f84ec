from mcp_gateway.catalog import ActionError, props

from ..app import AMOUNT_NOTE, amount, api, app, invoice_summary


@app.action(
    "create-invoice",
    title="Create Invoice",
    description=(
        "Create an invoice for a QuickBooks customer from products or services. It is not emailed: send it with "
        "quickbooks-send-invoice. Returns the invoice with its ID, number and total."
    ),
    props={
        "customerId": app.definition("customerId"),
        "lines": props.object_list(
            "Lines",
            "What is billed: `[{\"itemId\": \"1\", \"quantity\": 2, \"unitPrice\": 75, \"description\": \"Design work\"}]`. "
            f"`itemId` comes from quickbooks-list-items; prices are {AMOUNT_NOTE}. Give `amount` instead of `unitPrice` "
            "for a line total.",
        ),
        "txnDate": props.string("Invoice Date", "`YYYY-MM-DD`; defaults to today.", optional=True),
        "dueDate": props.string("Due Date", "`YYYY-MM-DD`; defaults to the customer's terms.", optional=True),
        "billEmail": props.string("Bill Email", "Where quickbooks-send-invoice sends it; defaults to the customer's email.",
                                  optional=True),
        "customerMemo": props.string("Message", "A message to the customer printed on the invoice.", optional=True),
        "docNumber": props.string("Invoice Number", "Your own invoice number; empty lets QuickBooks number it.",
                                  optional=True),
    },
    trim=invoice_summary,
)
async def create_invoice(ctx):
    if not ctx.props.lines:
        raise ActionError("give the invoice at least one line")
    body = {"CustomerRef": {"value": str(ctx.props.customerId)}, "Line": [_line(i, l) for i, l in enumerate(ctx.props.lines, 1)]}
    for prop, field in (("txnDate", "TxnDate"), ("dueDate", "DueDate"), ("docNumber", "DocNumber")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    if ctx.props.get("billEmail"):
        body["BillEmail"] = {"Address": ctx.props.billEmail}
    if ctx.props.get("customerMemo"):
        body["CustomerMemo"] = {"value": ctx.props.customerMemo}
    invoice = (await api(ctx, "POST", "/invoice", json=body)).get("Invoice") or {}
    ctx.summary = f"Created invoice #{invoice.get('DocNumber') or invoice.get('Id')} for {invoice.get('TotalAmt')}"
    return invoice


def _line(number, raw):
    if not isinstance(raw, dict) or not raw.get("itemId"):
        raise ActionError(f"line {number} needs an `itemId` (quickbooks-list-items)")
    quantity = amount(raw.get("quantity", 1), f"line {number}'s quantity")
    detail = {"ItemRef": {"value": str(raw["itemId"])}, "Qty": quantity}
    if raw.get("unitPrice") is not None:
        detail["UnitPrice"] = amount(raw["unitPrice"], f"line {number}'s unitPrice")
        # QuickBooks checks that the line's amount is its quantity times its unit price.
        total = round(quantity * detail["UnitPrice"], 2)
    elif raw.get("amount") is not None:
        total = amount(raw["amount"], f"line {number}'s amount")
    else:
        raise ActionError(f"line {number} needs a `unitPrice` or an `amount`")
    line = {"DetailType": "SalesItemLineDetail", "Amount": total, "SalesItemLineDetail": detail}
    if raw.get("description"):
        line["Description"] = raw["description"]
    return line
