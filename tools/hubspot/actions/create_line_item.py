from mcp_gateway.catalog import ActionError, props

from ..app import app, create_and_link, properties_from, record_id, record_summary

LINE_ITEM_FIELDS = {
    "productId": "hs_product_id", "name": "name", "quantity": "quantity", "price": "price",
    "discountPercentage": "hs_discount_percentage", "billingFrequency": "recurringbillingfrequency",
}


@app.action(
    "create-line-item",
    title="Create Line Item",
    description=(
        "Add a line item to HubSpot deals: a product from the library (by its ID, which sets its name and price) "
        "or a custom item with a name and price, with a quantity and discount. The deal's amount follows its line "
        "items. To list a deal's line items use List Associations with toObjectType `line_items`. Returns the line "
        "item's ID."
    ),
    props={
        "dealIds": app.definition("dealIds", description="IDs of the deals the line item belongs to, e.g. `[\"1467822235\"]`."),
        "productId": props.string(
            "Product ID",
            "The ID of a product in the library, e.g. `1642736`: hubspot-search-crm with objectType `products` finds "
            "it. Leave empty for a custom item with a name and price.",
            optional=True,
        ),
        "name": props.string("Name", "The line item's name; a product's name when productId is left empty.", optional=True),
        "quantity": props.integer("Quantity", "How many units, e.g. `5`. Defaults to 1.", min=1, optional=True, default=1),
        "price": props.string("Unit Price", "The price per unit, e.g. `499.00`; defaults to the product's.", optional=True),
        "discountPercentage": props.string("Discount %", "A discount in percent, e.g. `10`.", optional=True),
        "billingFrequency": props.string(
            "Billing Frequency", "For a recurring item: `monthly`, `quarterly`, `annually`...", optional=True,
        ),
        "additionalProperties": app.definition("additionalProperties"),
    },
    trim=record_summary,
)
async def create_line_item(ctx):
    properties = properties_from(ctx, LINE_ITEM_FIELDS)
    if properties.get("hs_product_id"):
        properties["hs_product_id"] = record_id(properties["hs_product_id"], "product")
    elif not properties.get("name"):
        raise ActionError("give a productId from the product library, or a name (and price) for a custom line item")
    result, ctx.summary = await create_and_link(ctx, "line_items", properties)
    return result
