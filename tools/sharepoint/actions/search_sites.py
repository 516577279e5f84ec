from mcp_gateway.catalog import ActionError, props, within

from ..app import app, graph, graph_cursor, site_summary


@app.action(
    "search-sites",
    title="Search Sites",
    description=(
        "Find SharePoint sites the user can reach by words in their name or description, with their IDs and URLs. Use a "
        "site's `id` in the other SharePoint actions; for one site's details, sharepoint-get-site."
    ),
    props={
        "query": props.string("Query", "Words in the site's name or description, e.g. `marketing`."),
        "limit": props.limit("sites"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("sites", site_summary),
)
async def search_sites(ctx):
    words = str(ctx.props.query or "").strip()
    if not words:
        raise ActionError("give the words to find sites by in query")
    following = graph_cursor(ctx.props.get("cursor"))
    sites = []
    # Graph's site search takes no page size; whole pages are kept so the next link stays exact.
    while len(sites) < ctx.props.limit:
        page = await graph(ctx, "GET", following) if following else await graph(ctx, "GET", "/sites", params={"search": words})
        sites.extend(page.get("value") or [])
        following = page.get("@odata.nextLink")
        if not following:
            break
    ctx.summary = f"Found {len(sites)} site{'s' if len(sites) != 1 else ''} for {words!r}"
    return {"sites": sites, "next_cursor": following}
