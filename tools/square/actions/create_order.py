from mcp_gateway.catalog import ActionError, props

from ..app import MONEY_NOTE, api, app, idempotency_key, money, order_summary


@app.action(
    "create-order",
    title="Create Order",
    description=(
        "Create an OPEN Square order at a location from catalog items or ad-hoc lines; Square computes taxes and "
        "totals. The order is not paid: it can be paid at the register, by a payment, or through an invoice. Returns "
        "the order with its ID and totals."
    ),
    props={
        "locationId": app.definition("locationId"),
        "lineItems": props.object_list(
            "Line Items",
            "The order's lines. A catalog item: `{\"catalog_object_id\": \"<item variation ID from "
            "square-search-catalog-items>\", \"quantity\": 2}`. An ad-hoc line: `{\"name\": \"Gift wrap\", "
            f"\"quantity\": 1, \"amount\": 500}}`, where `amount` is the unit price {MONEY_NOTE}.",
        ),
        "currency": app.definition("currency", optional=True,
                                   description="The currency of ad-hoc lines' prices, the location's own, e.g. `USD`."),
        "customerId": app.definition("customerId", optional=True,
                                     description="The customer the order is for (square-search-customers)."),
        "referenceId": props.string("Reference ID", "Your own ID for the order, e.g. the order number in your shop.",
                                    optional=True),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=order_summary,
)
async def create_order(ctx):
    if not ctx.props.lineItems:
        raise ActionError("give the order at least one line in lineItems")
    lines = [_line(ctx, i, raw) for i, raw in enumerate(ctx.props.lineItems, 1)]
    order = {"location_id": ctx.props.locationId, "line_items": lines}
    if ctx.props.get("customerId"):
        order["customer_id"] = ctx.props.customerId
    if ctx.props.get("referenceId"):
        order["reference_id"] = ctx.props.referenceId
    created = (await api(ctx, "POST", "/v2/orders", json={"order": order, "idempotency_key": idempotency_key(ctx)})).get("order") or {}
    total = created.get("total_money") or {}
    ctx.summary = f"Created the order {created.get('id')} for {total.get('amount')} {total.get('currency')}"
    return created


def _line(ctx, number, raw):
    if not isinstance(raw, dict) or raw.get("quantity") in (None, ""):
        raise ActionError(f"line {number} needs a `quantity`, e.g. `{{\"catalog_object_id\": \"...\", \"quantity\": 1}}`")
    # Square takes quantities as decimal strings.
    line = {"quantity": str(raw["quantity"])}
    if raw.get("catalog_object_id"):
        line["catalog_object_id"] = raw["catalog_object_id"]
    elif raw.get("name") and raw.get("amount") is not None:
        if not ctx.props.get("currency"):
            raise ActionError("ad-hoc lines have a price: give the currency, e.g. `USD`")
        line["name"] = raw["name"]
        line["base_price_money"] = money(raw["amount"], ctx.props.currency)
    else:
        raise ActionError(f"line {number} needs a `catalog_object_id`, or a `name` with an `amount`")
    if raw.get("note"):
        line["note"] = raw["note"]
    return line
