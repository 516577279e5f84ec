from mcp_gateway.catalog import props, within

from ..app import app, collect, item_summary


@app.action(
    "search-catalog-items",
    title="Search Catalog Items",
    description=(
        "Find items in the seller's Square catalog by words in their name, SKU or description, or list them all "
        "(leave the text empty). Each item comes with its variations, whose IDs and prices (in the currency's smallest "
        "unit) are what square-create-order takes."
    ),
    props={
        "textFilter": props.string("Text", "Words to look for, e.g. `latte`. Empty: every item.", optional=True),
        "locationIds": props.string_list("Locations", "Only items sold at these location IDs.", optional=True,
                                         options=app.definition("locationId").options),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", item_summary),
)
async def search_catalog_items(ctx):
    body = {}
    if ctx.props.get("textFilter"):
        body["text_filter"] = ctx.props.textFilter
    if ctx.props.get("locationIds"):
        body["enabled_location_ids"] = list(ctx.props.locationIds)
    items, cursor = await collect(ctx, "POST", "/v2/catalog/search-catalog-items", "items", limit=ctx.props.limit,
                                  cursor=ctx.props.get("cursor"), body=body)
    ctx.summary = f"Found {len(items)} catalog item{'s' if len(items) != 1 else ''}"
    return {"items": items, "next_cursor": cursor}
