"""Firecrawl (API v1): web pages as Markdown, site crawls and maps, web search, structured extraction."""

from urllib.parse import quote

from mcp_gateway.catalog import App, KeyField, Keys, UpstreamError, props, retry_after_seconds

API = "https://api.firecrawl.dev/v1"

# Page text is cut here per page in trimmed results; Full Response keeps it whole.
MAX_PAGE_CHARS = 20_000


def _headers(auth):
    return {"Authorization": f"Bearer {auth['api_key']}"} if auth.get("api_key") else {}


async def _account_test(ctx):
    """The team's remaining credits (`GET /team/credit-usage`), which every valid key may read."""
    await api(ctx, "GET", "/team/credit-usage")
    return None


app = App(
    "firecrawl",
    "Firecrawl",
    "Turn web pages into clean Markdown with Firecrawl: scrape one page, crawl or map a whole site, search the web with "
    "page content, and extract structured data from pages with a prompt or schema.",
    auth=Keys([KeyField("api_key", "API Key", "A Firecrawl API key (starts with `fc-`), from firecrawl.dev/app/api-keys.")]),
    categories=["AI", "Developer Tools"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["api.firecrawl.dev"],
    auth_headers=_headers,
    test=_account_test,
)


_STATUS_HINTS = {
    400: "fix the values named in the message",
    401: "Firecrawl rejected the API key; the user should reconnect Firecrawl with a valid key",
    402: "the Firecrawl team is out of credits; add credits or upgrade the plan",
    404: "no crawl or extraction has that ID (results are kept for 24 hours); start a new one",
    408: "the page took too long to load; retry with a longer timeout or without waiting",
}


def firecrawl_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    message = (data.get("error") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Firecrawl; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status in _STATUS_HINTS:
        hint = _STATUS_HINTS[status]
    elif status >= 500:
        hint = "Firecrawl had a server error; retrying later may work"
    else:
        hint = "fix the request values named in the message"
    return UpstreamError(f"Firecrawl API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise firecrawl_error(method, path, response)
    return response.json() if response.content else {}


def crawl_path(crawl_id):
    return f"/crawl/{quote(str(crawl_id).strip(), safe='')}"


def cut(text):
    if text and len(text) > MAX_PAGE_CHARS:
        return text[:MAX_PAGE_CHARS] + f"\n[cut at {MAX_PAGE_CHARS:,} of {len(text):,} characters; ask for fullResponse for all]"
    return text


def page_summary(page):
    """A scraped page: its Markdown (cut), links, and the metadata an agent uses."""
    metadata = page.get("metadata") or {}
    summary = {"url": metadata.get("sourceURL") or metadata.get("url") or page.get("url"), "title": metadata.get("title"),
               "description": metadata.get("description"), "status_code": metadata.get("statusCode")}
    for field in ("markdown", "html"):
        if page.get(field):
            summary[field] = cut(page[field])
    for field in ("links", "screenshot", "json"):
        if page.get(field):
            summary[field] = page[field]
    return summary


app.define(
    "formats",
    props.string_list(
        "Formats",
        "What to return of each page: `markdown` (the default), `html`, `links`, `screenshot`.",
        options=["markdown", "html", "rawHtml", "links", "screenshot", "screenshot@fullPage"],
        optional=True,
    ),
)

app.define(
    "crawlId",
    props.string("Crawl ID", "The `id` firecrawl-crawl-site returned when it started the crawl."),
)
