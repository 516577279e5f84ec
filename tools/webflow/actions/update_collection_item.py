from mcp_gateway.catalog import ActionError, props

from ..app import SITE_FOR_CHOICES, api, app, item_summary


@app.action(
    "update-collection-item",
    title="Update Collection Item",
    description=(
        "Change some fields of a Webflow CMS item; fields left out keep their values. The change is staged until "
        "published with webflow-publish-collection-items. To add a new item use webflow-create-collection-item."
    ),
    props={
        "siteId": app.definition("siteId", optional=True, description=SITE_FOR_CHOICES),
        "collectionId": app.definition("collectionId"),
        "itemId": app.definition("itemId"),
        "fieldData": app.definition("fieldData").but(
            optional=True, description="Only the fields to change, by slug, e.g. `{\"name\": \"Spring launch (updated)\"}`."
        ),
        "isDraft": props.boolean("Draft", "Mark the item as a draft (true) or ready to publish (false).", optional=True),
        "isArchived": props.boolean("Archived", "Archive (true) or restore (false) the item.", optional=True),
    },
    idempotent=True,
    trim=item_summary,
)
async def update_collection_item(ctx):
    body = {}
    if ctx.props.get("fieldData"):
        body["fieldData"] = dict(ctx.props.fieldData)
    for name in ("isDraft", "isArchived"):
        if ctx.props.get(name) is not None:
            body[name] = bool(ctx.props[name])
    if not body:
        raise ActionError("nothing to change: give fieldData, isDraft or isArchived")
    item = await api(ctx, "PATCH", f"/collections/{ctx.props.collectionId}/items/{ctx.props.itemId}", json=body)
    ctx.summary = f"Updated the item {(item.get('fieldData') or {}).get('name') or item.get('id')!r}"
    return item
