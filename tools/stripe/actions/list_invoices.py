from mcp_gateway.catalog import props, within

from ..app import app, invoice_summary, list_page, listed


@app.action(
    "list-invoices",
    title="List Invoices",
    description=(
        "List invoices, newest first, optionally only of one customer or subscription, or of one status (e.g. "
        "`open` for unpaid ones): number, status, amounts in the currency's smallest unit, due date and payment "
        "page URL. For one known invoice with its lines use stripe-retrieve-invoice. Returns `invoices` and a "
        "`next_cursor` when more exist."
    ),
    props={
        "customer": app.definition("customer", optional=True, description=(
            "Only invoices of this customer, e.g. `cus_NffrFeUfNV2Hib`. Leave empty for all."
        )),
        "subscription": app.definition("subscription", optional=True, description=(
            "Only invoices of this subscription, e.g. `sub_1MowQVLkdIwHu7ixeRlqHVzs`. Leave empty for all."
        )),
        "status": props.string(
            "Status",
            "Only invoices in this state: `draft` (not finalized), `open` (awaiting payment), `paid`, "
            "`uncollectible` or `void`.",
            options=["draft", "open", "paid", "uncollectible", "void"],
            optional=True,
        ),
        "collectionMethod": props.string(
            "Collection Method",
            "Only invoices emailed to the customer (`send_invoice`) or charged automatically (`charge_automatically`).",
            options=["send_invoice", "charge_automatically"],
            optional=True,
        ),
        "limit": props.limit("invoices"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("invoices", invoice_summary),
)
async def list_invoices(ctx):
    params = {}
    for name, field in (("customer", "customer"), ("subscription", "subscription"), ("status", "status"),
                        ("collectionMethod", "collection_method")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    invoices, next_cursor = await list_page(ctx, "/invoices", params)
    ctx.summary = listed(len(invoices), "invoice", next_cursor)
    return {"invoices": invoices, "next_cursor": next_cursor}
