from ..app import SITE_FOR_CHOICES, api, app, collection_summary


@app.action(
    "get-collection",
    title="Get Collection",
    description=(
        "Read a Webflow CMS collection's schema: each field's slug, type, and whether it is required. Use it before "
        "webflow-create-collection-item or webflow-update-collection-item to know the keys of `fieldData`."
    ),
    props={
        "siteId": app.definition("siteId", optional=True, description=SITE_FOR_CHOICES),
        "collectionId": app.definition("collectionId"),
    },
    read_only=True,
    trim=collection_summary,
)
async def get_collection(ctx):
    collection = await api(ctx, "GET", f"/collections/{ctx.props.collectionId}")
    ctx.summary = f"Read the collection {collection.get('displayName')!r} ({len(collection.get('fields') or [])} fields)"
    return collection
