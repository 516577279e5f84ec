from mcp_gateway.catalog import props

from ..app import api, app, sale_summary, seg


@app.action(
    "refund-sale",
    title="Refund Sale",
    description=(
        "Refund a Gumroad sale to the buyer, in full or in part (amountCents). A refund cannot be undone. Find the "
        "sale ID with gumroad-list-sales. Returns the sale with its refund state."
    ),
    props={
        "saleId": app.definition("saleId"),
        "amountCents": props.integer("Amount (cents)", "Refund only this much, in the sale currency's cents; the whole "
                                     "sale when empty.", optional=True, min=1),
    },
    destructive=True,
    trim=lambda found: sale_summary(found.get("sale") or {}),
)
async def refund_sale(ctx):
    body = {"amount_cents": ctx.props.amountCents} if ctx.props.get("amountCents") else None
    found = await api(ctx, "PUT", f"/sales/{seg(ctx.props.saleId)}/refund", data=body)
    sale = found.get("sale") or {}
    ctx.summary = f"Refunded the sale {sale.get('id')} to {sale.get('email')}"
    return found
