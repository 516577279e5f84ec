from mcp_gateway.catalog import props, within

from ..app import api, app, invoice_summary, page_number


@app.action(
    "list-invoices",
    title="List Invoices",
    description=(
        "List the PayPal account's invoices, newest first, with their status (DRAFT, SENT, PAID, ...), number, "
        "recipients and amounts due. Send a draft with paypal-send-invoice."
    ),
    props={"limit": props.limit("invoices"), "cursor": props.cursor()},
    read_only=True,
    trim=within("invoices", invoice_summary),
)
async def list_invoices(ctx):
    page = page_number(ctx.props.get("cursor"))
    data = await api(ctx, "GET", "/v2/invoicing/invoices",
                     params={"page": page, "page_size": ctx.props.limit, "total_required": "true"})
    invoices = data.get("items") or []
    more = page < int(data.get("total_pages") or 0)
    ctx.summary = f"Listed {len(invoices)} of {data.get('total_items', len(invoices))} invoices"
    return {"invoices": invoices, "total": data.get("total_items"), "next_cursor": str(page + 1) if more else None}
