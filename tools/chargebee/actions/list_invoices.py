from mcp_gateway.catalog import props, within

from ..app import app, collect, entry, filters, invoice_summary

_STATUSES = ["paid", "posted", "payment_due", "not_paid", "voided", "pending"]


@app.action(
    "list-invoices",
    title="List Invoices",
    description=(
        "List the Chargebee site's invoices, newest first, optionally of one customer or subscription or in one "
        "status (e.g. `payment_due`, `not_paid`). Amounts are in the currency's smallest unit (cents)."
    ),
    props={
        "customerId": app.definition("customerId", optional=True, description="Only this customer's invoices."),
        "subscriptionId": app.definition("subscriptionId", optional=True, description="Only this subscription's invoices."),
        "status": props.string("Status", "Only invoices in this status.", options=_STATUSES, optional=True),
        "limit": props.limit("invoices"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("invoices", entry("invoice", invoice_summary)),
)
async def list_invoices(ctx):
    params = {"sort_by[desc]": "date", **filters(ctx, (
        ("customerId", "customer_id"), ("subscriptionId", "subscription_id"), ("status", "status")))}
    found = await collect(ctx, "/invoices", "invoices", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['invoices'])} invoice{'s' if len(found['invoices']) != 1 else ''}"
    return found
