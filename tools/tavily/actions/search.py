from mcp_gateway.catalog import ActionError, props

from ..app import api, app, cut, domains


def _results(answer):
    return {
        "answer": answer.get("answer"),
        "results": [{"title": r.get("title"), "url": r.get("url"), "content": r.get("content"), "score": r.get("score"),
                     "published_date": r.get("published_date"), **({"raw_content": cut(r["raw_content"])} if r.get("raw_content") else {})}
                    for r in answer.get("results") or []],
        "images": answer.get("images") or [],
    }


@app.action(
    "search",
    title="Search the Web",
    description=(
        "Search the web with Tavily and get the most relevant pages with the passages that answer the query, and "
        "optionally a short answer written from them. Use it for current facts, news and research. To read pages you "
        "already have the URLs of, use tavily-extract instead."
    ),
    props={
        "query": props.string("Query", "What to search for, as a question or keywords, e.g. `latest Python release`."),
        "topic": props.string("Topic", "`general` (the default), `news` for recent events, or `finance`.",
                              options=["general", "news", "finance"], optional=True, default="general"),
        "searchDepth": props.string("Search Depth", "`basic` (the default, one credit) or `advanced` (better passages, two credits).",
                                    options=["basic", "advanced"], optional=True, default="basic"),
        "maxResults": props.integer("Max Results", "How many pages to return (default 5).", min=1, max=20, optional=True, default=5),
        "timeRange": props.string("Time Range", "Only pages from the last `day`, `week`, `month` or `year`.",
                                  options=["day", "week", "month", "year"], optional=True),
        "includeAnswer": props.boolean("Include Answer", "Also write a short answer from the results.", optional=True, default=False),
        "includeRawContent": props.boolean(
            "Include Page Text", "Also return each page's whole text as Markdown (longer results).", optional=True, default=False),
        "includeImages": props.boolean("Include Images", "Also return image URLs related to the query.", optional=True, default=False),
        "includeDomains": props.string_list("Only Domains", "Only search these domains, e.g. `[\"arxiv.org\"]`.", optional=True),
        "excludeDomains": props.string_list("Exclude Domains", "Never return pages from these domains.", optional=True),
        "country": props.string("Country", "Favour results from this country, by its English name in lower case, e.g. `germany` (general topic only).", optional=True),
    },
    read_only=True,
    trim=_results,
)
async def search(ctx):
    if not ctx.props.query.strip():
        raise ActionError("give a query to search for")
    body = {"query": ctx.props.query, "topic": ctx.props.get("topic") or "general",
            "search_depth": ctx.props.get("searchDepth") or "basic", "max_results": ctx.props.get("maxResults") or 5}
    if ctx.props.get("timeRange"):
        body["time_range"] = ctx.props.timeRange
    for prop, field in (("includeAnswer", "include_answer"), ("includeImages", "include_images")):
        if ctx.props.get(prop):
            body[field] = True
    if ctx.props.get("includeRawContent"):
        body["include_raw_content"] = "markdown"
    for prop, field in (("includeDomains", "include_domains"), ("excludeDomains", "exclude_domains")):
        if ctx.props.get(prop):
            body[field] = domains(ctx.props[prop], prop)
    if ctx.props.get("country"):
        body["country"] = ctx.props.country.strip().lower()
    answer = await api(ctx, "POST", "/search", json=body)
    ctx.summary = f"Found {len(answer.get('results') or [])} results for {ctx.props.query!r}"
    return answer
