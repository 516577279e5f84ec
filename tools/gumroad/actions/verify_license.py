from mcp_gateway.catalog import props

from ..app import api, app


def _verdict(found):
    purchase = found.get("purchase") or {}
    return {"valid": bool(found.get("success")), "uses": found.get("uses"),
            "purchase": {k: purchase.get(k) for k in (
                "sale_id", "product_id", "product_name", "email", "created_at", "refunded", "disputed", "chargebacked",
                "subscription_id", "subscription_cancelled_at", "subscription_ended_at", "subscription_failed_at",
                "quantity", "variants")}}


@app.action(
    "verify-license",
    title="Verify License Key",
    description=(
        "Check a license key a buyer entered against a Gumroad product: whether it is valid, how many times it was "
        "used, and the purchase behind it (refunded, disputed, subscription ended). Gumroad answers 404 for a key "
        "that does not belong to the product. Counting a use is off unless incrementUsesCount is true."
    ),
    props={
        "productId": app.definition("productId", description="The product the key should belong to: its ID from "
                                    "gumroad-list-products (shown under the product's License key settings)."),
        "licenseKey": props.string("License Key", "The key the buyer entered, e.g. `85DB562A-C11D4B06-A2335A6B-8C079166`."),
        "incrementUsesCount": props.boolean("Count a Use", "Add one to the key's use count, e.g. on activating a new "
                                            "device.", default=False),
    },
    trim=_verdict,
)
async def verify_license(ctx):
    found = await api(ctx, "POST", "/licenses/verify", data={
        "product_id": ctx.props.productId, "license_key": ctx.props.licenseKey.strip(),
        "increment_uses_count": "true" if ctx.props.incrementUsesCount else "false"},
        not_found="the license key is not valid for this product: tell the buyer, or check the product ID")
    purchase = found.get("purchase") or {}
    ctx.summary = f"The license key is valid for {purchase.get('product_name')!r} ({found.get('uses')} uses)"
    return found
