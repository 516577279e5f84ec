from mcp_gateway.catalog import ActionError, props

from ..app import SITE_FOR_CHOICES, api, app


@app.action(
    "publish-collection-items",
    title="Publish Collection Items",
    description=(
        "Make staged Webflow CMS items live on the site, without publishing the rest of the site (for that, use "
        "webflow-publish-site). Returns the IDs published and any errors."
    ),
    props={
        "siteId": app.definition("siteId", optional=True, description=SITE_FOR_CHOICES),
        "collectionId": app.definition("collectionId"),
        "itemIds": props.string_list(
            "Items", "IDs of the items to publish, from webflow-list-collection-items or webflow-create-collection-item.",
        ),
    },
    idempotent=True,
)
async def publish_collection_items(ctx):
    item_ids = [i for i in ctx.props.itemIds or [] if i]
    if not item_ids:
        raise ActionError("give at least one item ID in itemIds")
    result = await api(ctx, "POST", f"/collections/{ctx.props.collectionId}/items/publish", json={"itemIds": item_ids})
    published = result.get("publishedItemIds") or []
    ctx.summary = f"Published {len(published)} item{'s' if len(published) != 1 else ''}"
    return result
