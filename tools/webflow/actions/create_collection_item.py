from mcp_gateway.catalog import ActionError, props

from ..app import SITE_FOR_CHOICES, api, app, item_summary


@app.action(
    "create-collection-item",
    title="Create Collection Item",
    description=(
        "Add an item to a Webflow CMS collection, e.g. a blog post. It is staged, not live, until published with "
        "webflow-publish-collection-items (or the next webflow-publish-site). Returns the new item's ID."
    ),
    props={
        "siteId": app.definition("siteId", optional=True, description=SITE_FOR_CHOICES),
        "collectionId": app.definition("collectionId"),
        "fieldData": app.definition("fieldData").but(
            description=app.definition("fieldData").description + " `name` and `slug` are required."
        ),
        "isDraft": props.boolean("Draft", "Keep the item as a draft, left out of publishing.", optional=True, default=False),
        "isArchived": props.boolean("Archived", "Create the item archived.", optional=True, default=False),
    },
    trim=item_summary,
)
async def create_collection_item(ctx):
    fields = dict(ctx.props.fieldData or {})
    missing = [name for name in ("name", "slug") if not fields.get(name)]
    if missing:
        raise ActionError(f"fieldData needs {' and '.join(missing)}: every Webflow item has a name and a URL slug")
    body = {"isArchived": bool(ctx.props.get("isArchived")), "isDraft": bool(ctx.props.get("isDraft")), "fieldData": fields}
    item = await api(ctx, "POST", f"/collections/{ctx.props.collectionId}/items", json=body)
    ctx.summary = f"Created the item {fields['name']!r}"
    return item
