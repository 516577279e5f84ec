from mcp_gateway.catalog import ActionError, props

from ..app import api, app, page_result

# Tavily extracts up to 20 URLs a call.
MAX_URLS = 20


@app.action(
    "extract",
    title="Extract Pages",
    description=(
        "Read up to 20 web pages by URL and get each one's main text as Markdown (or plain text), without menus and "
        "ads. Pages that could not be read are listed with the reason. To find pages first, use tavily-search; to read "
        "a whole site, tavily-crawl."
    ),
    props={
        "urls": props.string_list("URLs", "The pages to read, e.g. `[\"https://example.com/pricing\"]`."),
        "extractDepth": app.definition("extractDepth"),
        "format": app.definition("format"),
        "includeImages": props.boolean("Include Images", "Also list the images found on each page.", optional=True, default=False),
    },
    read_only=True,
    trim=lambda answer: {"pages": [page_result(p) for p in answer.get("results") or []],
                         "failed": answer.get("failed_results") or []},
)
async def extract(ctx):
    urls = [u.strip() for u in ctx.props.urls if u.strip()]
    if not urls or len(urls) > MAX_URLS:
        raise ActionError(f"give between 1 and {MAX_URLS} URLs (got {len(urls)})")
    body = {"urls": urls, "extract_depth": ctx.props.get("extractDepth") or "basic", "format": ctx.props.get("format") or "markdown"}
    if ctx.props.get("includeImages"):
        body["include_images"] = True
    answer = await api(ctx, "POST", "/extract", json=body)
    read, failed = len(answer.get("results") or []), len(answer.get("failed_results") or [])
    ctx.summary = f"Read {read} page{'s' if read != 1 else ''}" + (f"; {failed} failed" if failed else "")
    return answer
