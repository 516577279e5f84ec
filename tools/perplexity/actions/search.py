from mcp_gateway.catalog import ActionError, each, props

from ..app import RECENCY, api, app, domains


def _result(result):
    return {"title": result.get("title"), "url": result.get("url"), "snippet": result.get("snippet"),
            "date": result.get("date"), "last_updated": result.get("last_updated")}


@app.action(
    "search",
    title="Search the Web",
    description=(
        "Search the web with Perplexity's Search API and get ranked pages, each with its title, URL, date and an "
        "extract of its text; no answer is written. Use it to collect sources; to get a written answer with citations "
        "use perplexity-chat-completion instead."
    ),
    props={
        "query": props.string("Query", "What to search for, e.g. `latest AI chip export rules`."),
        "maxResults": props.integer("Max Results", "How many pages to return (default 10, at most 20).", min=1, max=20,
                                    optional=True, default=10),
        "maxTokensPerPage": props.integer(
            "Max Tokens per Page", "How much of each page's text to extract, in tokens; lower gives shorter extracts.",
            min=1, optional=True),
        "searchDomainFilter": props.string_list(
            "Domain Filter",
            "Search only these domains, e.g. `[\"nature.com\"]`, or skip some with a leading `-`, e.g. `[\"-pinterest.com\"]` "
            "(at most 20).",
            optional=True),
        "searchRecencyFilter": props.string("Recency", "Only pages published in the last hour, day, week, month or year.",
                                            options=RECENCY, optional=True),
        "searchAfterDate": props.string("Published After", "Only pages published after this date, as `%m/%d/%Y`, e.g. `3/1/2025`.",
                                        optional=True),
        "searchBeforeDate": props.string("Published Before", "Only pages published before this date, as `%m/%d/%Y`.",
                                         optional=True),
        "country": props.string("Country", "Favour results from this country, as an ISO 3166-1 alpha-2 code, e.g. `US` or `DE`.",
                                optional=True),
        "searchLanguageFilter": props.string_list(
            "Languages", "Only pages in these languages, as ISO 639-1 codes, e.g. `[\"en\", \"fr\"]`.", optional=True),
    },
    read_only=True,
    trim=lambda found: each(_result)(found.get("results") or []),
)
async def search(ctx):
    if not str(ctx.props.query or "").strip():
        raise ActionError("give a query to search for")
    body = {"query": ctx.props.query, "max_results": ctx.props.get("maxResults") or 10}
    for prop, field in (("maxTokensPerPage", "max_tokens_per_page"), ("searchRecencyFilter", "search_recency_filter"),
                        ("searchAfterDate", "search_after_date_filter"), ("searchBeforeDate", "search_before_date_filter")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    if ctx.props.get("searchDomainFilter"):
        body["search_domain_filter"] = domains(ctx.props.searchDomainFilter)
    if ctx.props.get("country"):
        body["country"] = ctx.props.country.strip().upper()
    if ctx.props.get("searchLanguageFilter"):
        body["search_language_filter"] = [str(code).strip().lower() for code in ctx.props.searchLanguageFilter]
    found = await api(ctx, "POST", "/search", json=body)
    ctx.summary = f"Found {len(found.get('results') or [])} pages for {ctx.props.query!r}"
    return found
