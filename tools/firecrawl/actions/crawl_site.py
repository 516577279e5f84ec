from mcp_gateway.catalog import props

from ..app import api, app


@app.action(
    "crawl-site",
    title="Start Site Crawl",
    description=(
        "Start crawling a website from a URL: Firecrawl follows its links and scrapes each page in the background. "
        "Returns a crawl ID at once; read the pages with firecrawl-get-crawl-status, stop early with firecrawl-cancel-crawl. "
        "Each page costs a credit, so keep the limit low. For one page use firecrawl-scrape-page."
    ),
    props={
        "url": props.string("Start URL", "Where to start, e.g. `https://docs.example.com`."),
        "limit": props.integer("Max Pages", "The most pages to crawl (default 20).", min=1, max=10_000, optional=True, default=20),
        "maxDepth": props.integer("Max Depth", "How many links deep to go from the start URL.", min=1, max=50, optional=True),
        "includePaths": props.string_list("Only Paths", "Regular expressions of paths to crawl, e.g. `[\"^/blog/.*$\"]`.", optional=True),
        "excludePaths": props.string_list("Skip Paths", "Regular expressions of paths to skip.", optional=True),
        "allowExternalLinks": props.boolean("Follow External Links", "Also follow links to other sites.", optional=True, default=False),
        "formats": app.definition("formats"),
    },
    idempotent=False,
    trim=lambda answer: {"crawl_id": answer.get("id"), "status_url": answer.get("url")},
)
async def crawl_site(ctx):
    body = {"url": ctx.props.url, "limit": ctx.props.get("limit") or 20,
            "scrapeOptions": {"formats": list(ctx.props.get("formats") or ["markdown"]), "onlyMainContent": True}}
    for prop in ("maxDepth", "includePaths", "excludePaths"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    if ctx.props.get("allowExternalLinks"):
        body["allowExternalLinks"] = True
    answer = await api(ctx, "POST", "/crawl", json=body)
    ctx.summary = f"Started crawling {ctx.props.url} (crawl {answer.get('id')})"
    return answer
