from mcp_gateway.catalog import props

from ..app import api, app, page_result


@app.action(
    "crawl",
    title="Crawl Site",
    description=(
        "Follow the links of a website from a starting URL and return the text of each page reached, optionally guided "
        "by instructions (e.g. \"only the API reference\") and path patterns. It reads many pages and costs credits per "
        "page; to list a site's URLs without their text use tavily-map, to read known pages tavily-extract."
    ),
    props={
        "url": props.string("Start URL", "Where to start, e.g. `https://docs.example.com`."),
        "instructions": props.string("Instructions", "What to look for, in words, e.g. `pages about authentication`.", optional=True),
        "maxDepth": props.integer("Max Depth", "How many links away from the start to go (default 1).", min=1, max=5, optional=True, default=1),
        "limit": props.integer("Max Pages", "The most pages to read (default 20).", min=1, max=100, optional=True, default=20),
        "selectPaths": props.string_list("Only Paths", "Regular expressions a page's path must match, e.g. `[\"/docs/.*\"]`.", optional=True),
        "excludePaths": props.string_list("Skip Paths", "Regular expressions of paths to skip, e.g. `[\"/blog/.*\"]`.", optional=True),
        "extractDepth": app.definition("extractDepth"),
        "format": app.definition("format"),
    },
    read_only=True,
    trim=lambda answer: {"base_url": answer.get("base_url"), "pages": [page_result(p) for p in answer.get("results") or []]},
)
async def crawl(ctx):
    body = {"url": ctx.props.url, "max_depth": ctx.props.get("maxDepth") or 1, "limit": ctx.props.get("limit") or 20,
            "extract_depth": ctx.props.get("extractDepth") or "basic", "format": ctx.props.get("format") or "markdown"}
    for prop, field in (("instructions", "instructions"), ("selectPaths", "select_paths"), ("excludePaths", "exclude_paths")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    answer = await api(ctx, "POST", "/crawl", json=body)
    ctx.summary = f"Crawled {len(answer.get('results') or [])} pages of {ctx.props.url}"
    return answer
