from mcp_gateway.catalog import props, within

from ..app import app, collect, invoice_summary


@app.action(
    "list-invoices",
    title="List Invoices",
    description=(
        "List the invoices of one Square location with their status (DRAFT, UNPAID, PAID...), recipient, amounts due "
        "(in the currency's smallest unit) and public payment page."
    ),
    props={
        "locationId": app.definition("locationId"),
        "limit": props.limit("invoices"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("invoices", invoice_summary),
)
async def list_invoices(ctx):
    invoices, cursor = await collect(ctx, "GET", "/v2/invoices", "invoices", limit=ctx.props.limit,
                                     cursor=ctx.props.get("cursor"), params={"location_id": ctx.props.locationId})
    ctx.summary = f"Listed {len(invoices)} invoice{'s' if len(invoices) != 1 else ''}"
    return {"invoices": invoices, "next_cursor": cursor}
