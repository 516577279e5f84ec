from mcp_gateway.catalog import props

from ..app import api, app, page_summary


@app.action(
    "scrape-page",
    title="Scrape Page",
    description=(
        "Read one web page with Firecrawl, JavaScript rendered, and get its main content as Markdown (or HTML, links, "
        "a screenshot). For many pages of one site use firecrawl-crawl-site; to find pages by topic, firecrawl-search."
    ),
    props={
        "url": props.string("URL", "The page to read, e.g. `https://example.com/pricing`."),
        "formats": app.definition("formats"),
        "onlyMainContent": props.boolean("Main Content Only", "Leave out headers, navigation and footers (default on).",
                                         optional=True, default=True),
        "waitFor": props.integer("Wait", "Milliseconds to wait for the page to finish loading before reading it.",
                                 min=0, max=60_000, optional=True),
        "includeTags": props.string_list("Only Elements", "CSS selectors or tags to keep, e.g. `[\"article\", \".content\"]`.", optional=True),
        "excludeTags": props.string_list("Skip Elements", "CSS selectors or tags to drop, e.g. `[\"#ads\"]`.", optional=True),
    },
    read_only=True,
    trim=lambda answer: page_summary(answer.get("data") or {}),
)
async def scrape_page(ctx):
    body = {"url": ctx.props.url, "formats": list(ctx.props.get("formats") or ["markdown"]),
            "onlyMainContent": ctx.props.get("onlyMainContent") is not False}
    for prop in ("waitFor", "includeTags", "excludeTags"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    answer = await api(ctx, "POST", "/scrape", json=body)
    title = ((answer.get("data") or {}).get("metadata") or {}).get("title")
    ctx.summary = f"Scraped {title or ctx.props.url}"
    return answer
