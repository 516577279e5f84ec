from mcp_gateway.catalog import props, within

from ..app import api, app, collection_summary, offset_of


@app.action(
    "list-collections",
    title="List Collections",
    description=(
        "List the CMS collections of a Webflow site (e.g. Blog Posts, Team Members) with their IDs and slugs. For a "
        "collection's fields, use webflow-get-collection; for its items, webflow-list-collection-items."
    ),
    props={"siteId": app.definition("siteId"), "limit": props.limit("collections"), "cursor": props.cursor()},
    read_only=True,
    trim=within("collections", collection_summary),
)
async def list_collections(ctx):
    # Webflow returns every collection of the site at once; the cursor pages through them here.
    collections = (await api(ctx, "GET", f"/sites/{ctx.props.siteId}/collections")).get("collections") or []
    start = offset_of(ctx.props.get("cursor"))
    end = start + ctx.props.limit
    page = collections[start:end]
    ctx.summary = f"Listed {len(page)} collection{'s' if len(page) != 1 else ''}"
    return {"collections": page, "next_cursor": str(end) if end < len(collections) else None}
