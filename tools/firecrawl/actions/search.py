from mcp_gateway.catalog import props

from ..app import api, app, cut


def _results(answer):
    return {"results": [{"url": r.get("url"), "title": r.get("title"), "description": r.get("description"),
                         **({"markdown": cut(r["markdown"])} if r.get("markdown") else {})}
                        for r in answer.get("data") or []]}


@app.action(
    "search",
    title="Search the Web",
    description=(
        "Search the web with Firecrawl and get the top pages, optionally with each page's content as Markdown in the "
        "same call. To read a page you already know, use firecrawl-scrape-page."
    ),
    props={
        "query": props.string("Query", "What to search for, e.g. `open source vector databases`."),
        "limit": props.integer("Max Results", "How many pages (default 5).", min=1, max=20, optional=True, default=5),
        "scrapeResults": props.boolean("Read Pages", "Also return each result page's content as Markdown (costs a credit per page).",
                                       optional=True, default=False),
        "country": props.string("Country", "Two-letter country code to search from, e.g. `us` or `de`.", optional=True),
        "lang": props.string("Language", "Two-letter language code of the results, e.g. `en`.", optional=True),
        "tbs": props.string("Time Filter", "Only recent pages: `qdr:d` (day), `qdr:w` (week), `qdr:m` (month), `qdr:y` (year).",
                            options=["qdr:h", "qdr:d", "qdr:w", "qdr:m", "qdr:y"], optional=True),
    },
    read_only=True,
    trim=_results,
)
async def search(ctx):
    body = {"query": ctx.props.query, "limit": ctx.props.get("limit") or 5}
    for prop in ("country", "lang", "tbs"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    if ctx.props.get("scrapeResults"):
        body["scrapeOptions"] = {"formats": ["markdown"], "onlyMainContent": True}
    answer = await api(ctx, "POST", "/search", json=body)
    ctx.summary = f"Found {len(answer.get('data') or [])} results for {ctx.props.query!r}"
    return answer
