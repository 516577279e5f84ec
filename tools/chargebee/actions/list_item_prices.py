from mcp_gateway.catalog import props, within

from ..app import app, collect, entry, filters, item_price_summary


@app.action(
    "list-item-prices",
    title="List Item Prices",
    description=(
        "List the item prices of the Chargebee site's catalog (Product Catalog 2.0): the price points of its plans, "
        "addons and charges, with amount, currency and billing period. Their IDs are the `item_price_id` values "
        "subscriptions show."
    ),
    props={
        "itemType": props.string("Item Type", "Only prices of `plan`, `addon` or `charge` items.",
                                 options=["plan", "addon", "charge"], optional=True),
        "status": props.string("Status", "Only `active` or `archived` prices.", options=["active", "archived"], optional=True),
        "itemId": props.string("Item ID", "Only the prices of this item: a plan, addon or charge ID, as in the `item_id` of this action's results, e.g. `basic`.", optional=True),
        "limit": props.limit("item prices"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("item_prices", entry("item_price", item_price_summary)),
)
async def list_item_prices(ctx):
    params = filters(ctx, (("itemType", "item_type"), ("status", "status"), ("itemId", "item_id")))
    found = await collect(ctx, "/item_prices", "item_prices", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['item_prices'])} item price{'s' if len(found['item_prices']) != 1 else ''}"
    return found
