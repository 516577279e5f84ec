from mcp_gateway.catalog import props

from ..app import api, app


@app.action(
    "map-site",
    title="Map Site",
    description=(
        "List the URLs of a website, following its links from a starting URL, without reading the pages: a quick way "
        "to find the right pages before reading them with tavily-extract. To get the pages' text in one go use tavily-crawl."
    ),
    props={
        "url": props.string("Start URL", "Where to start, e.g. `https://docs.example.com`."),
        "instructions": props.string("Instructions", "Which pages matter, in words, e.g. `pricing and plans`.", optional=True),
        "maxDepth": props.integer("Max Depth", "How many links away from the start to go (default 1).", min=1, max=5, optional=True, default=1),
        "limit": props.integer("Max URLs", "The most URLs to return (default 50).", min=1, max=500, optional=True, default=50),
        "selectPaths": props.string_list("Only Paths", "Regular expressions a URL's path must match.", optional=True),
    },
    read_only=True,
    trim=lambda answer: {"base_url": answer.get("base_url"), "urls": answer.get("results") or []},
)
async def map_site(ctx):
    body = {"url": ctx.props.url, "max_depth": ctx.props.get("maxDepth") or 1, "limit": ctx.props.get("limit") or 50}
    for prop, field in (("instructions", "instructions"), ("selectPaths", "select_paths")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    answer = await api(ctx, "POST", "/map", json=body)
    ctx.summary = f"Found {len(answer.get('results') or [])} URLs on {ctx.props.url}"
    return answer
