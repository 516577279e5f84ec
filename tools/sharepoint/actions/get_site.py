from ..app import app, graph, site_path, site_summary


@app.action(
    "get-site",
    title="Get Site",
    description=(
        "Read one SharePoint site by its ID or URL: its name, description, URL and ID. Use it to turn a site URL into the "
        "ID the other actions take; to find a site by name, use sharepoint-search-sites."
    ),
    props={"siteId": app.definition("siteId")},
    read_only=True,
    trim=site_summary,
)
async def get_site(ctx):
    site = await graph(ctx, "GET", site_path(ctx.props.siteId))
    ctx.summary = f"Read the site {site.get('displayName') or site.get('name')!r}"
    return site
