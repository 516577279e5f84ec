from mcp_gateway.catalog import props

from ..app import api, app


@app.action(
    "map-site",
    title="Map Site",
    description=(
        "List a website's URLs quickly, from its sitemap and links, optionally ordered by relevance to a search word, "
        "without scraping them. Use it to pick pages for firecrawl-scrape-page; to scrape them all, firecrawl-crawl-site."
    ),
    props={
        "url": props.string("URL", "The site, e.g. `https://docs.example.com`."),
        "search": props.string("Search", "Order the URLs by how well they match this, e.g. `pricing`.", optional=True),
        "limit": props.integer("Max URLs", "The most URLs to return (default 100).", min=1, max=30_000, optional=True, default=100),
        "includeSubdomains": props.boolean("Include Subdomains", "Also list URLs on the site's subdomains.", optional=True, default=False),
    },
    read_only=True,
    trim=lambda answer: {"urls": answer.get("links") or []},
)
async def map_site(ctx):
    body = {"url": ctx.props.url, "limit": ctx.props.get("limit") or 100}
    if ctx.props.get("search"):
        body["search"] = ctx.props.search
    if ctx.props.get("includeSubdomains"):
        body["includeSubdomains"] = True
    answer = await api(ctx, "POST", "/map", json=body)
    ctx.summary = f"Found {len(answer.get('links') or [])} URLs on {ctx.props.url}"
    return answer
