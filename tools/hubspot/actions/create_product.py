from mcp_gateway.catalog import ActionError, props

from ..app import app, create_and_link, properties_from, record_summary

PRODUCT_FIELDS = {
    "name": "name", "price": "price", "sku": "hs_sku", "description": "description",
    "costOfGoodsSold": "hs_cost_of_goods_sold", "billingFrequency": "recurringbillingfrequency",
}


@app.action(
    "create-product",
    title="Create Product",
    description=(
        "Add a product to the HubSpot product library, with its name, unit price, SKU and, for subscriptions, its "
        "billing frequency. Deals get products as line items: use Create Line Item with the product's ID. Returns "
        "the new product's ID."
    ),
    props={
        "name": props.string("Name", "The product's name, e.g. `Pro plan (annual)`."),
        "price": props.string("Unit Price", "The price per unit in the account's currency, e.g. `499.00`.", optional=True),
        "sku": props.string("SKU", "The product's stock keeping unit, e.g. `PRO-ANNUAL`.", optional=True),
        "description": props.string("Description", "What the product is.", optional=True),
        "costOfGoodsSold": props.string("Unit Cost", "What one unit costs you, e.g. `120.00`.", optional=True),
        "billingFrequency": props.string(
            "Billing Frequency", "For recurring products: `monthly`, `quarterly`, `per_six_months`, `annually`...",
            options=["weekly", "biweekly", "monthly", "quarterly", "per_six_months", "annually", "per_two_years",
                     "per_three_years", "per_four_years", "per_five_years"],
            optional=True,
        ),
        "additionalProperties": app.definition("additionalProperties"),
    },
    trim=record_summary,
)
async def create_product(ctx):
    properties = properties_from(ctx, PRODUCT_FIELDS)
    if not str(properties.get("name") or "").strip():
        raise ActionError("the product needs a name")
    result, ctx.summary = await create_and_link(ctx, "products", properties)
    return result
