from mcp_gateway.catalog import props, within

from ..app import MAX_PAGE, SITE_FOR_CHOICES, api, app, item_summary, offset_of


@app.action(
    "list-collection-items",
    title="List Collection Items",
    description=(
        "List the items of a Webflow CMS collection (staged versions, drafts included) with their field values. "
        "To add one use webflow-create-collection-item; to change one, webflow-update-collection-item."
    ),
    props={
        "siteId": app.definition("siteId", optional=True, description=SITE_FOR_CHOICES),
        "collectionId": app.definition("collectionId"),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", item_summary),
)
async def list_collection_items(ctx):
    path = f"/collections/{ctx.props.collectionId}/items"
    offset, items, total = offset_of(ctx.props.get("cursor")), [], 0
    while len(items) < ctx.props.limit:
        data = await api(ctx, "GET", path, params={"offset": offset, "limit": min(MAX_PAGE, ctx.props.limit - len(items))})
        batch = data.get("items") or []
        total = (data.get("pagination") or {}).get("total") or 0
        items.extend(batch)
        offset += len(batch)
        if not batch or offset >= total:
            break
    ctx.summary = f"Listed {len(items)} item{'s' if len(items) != 1 else ''} of {total}"
    return {"items": items, "total": total, "next_cursor": str(offset) if offset < total else None}
