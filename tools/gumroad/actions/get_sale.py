from ..app import api, app, sale_summary, seg


@app.action(
    "get-sale",
    title="Get Sale",
    description=(
        "Read one Gumroad sale: buyer, product, price, variants, custom fields, refund and dispute state, and its "
        "license key. To find sales by buyer or product use gumroad-list-sales."
    ),
    props={"saleId": app.definition("saleId")},
    read_only=True,
    trim=lambda found: {**sale_summary(found.get("sale") or {}),
                        "variants_and_quantity": (found.get("sale") or {}).get("variants_and_quantity"),
                        "custom_fields": (found.get("sale") or {}).get("custom_fields")},
)
async def get_sale(ctx):
    found = await api(ctx, "GET", f"/sales/{seg(ctx.props.saleId)}")
    sale = found.get("sale") or {}
    ctx.summary = f"Read the sale of {sale.get('product_name')!r} to {sale.get('email')}"
    return found
