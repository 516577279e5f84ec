"""Tavily: web search and page extraction built for agents."""

from mcp_gateway.catalog import ActionError, App, KeyField, Keys, UpstreamError, props, retry_after_seconds

API = "https://api.tavily.com"

# Page text is cut here per page, so one call cannot flood the model's context; Full Response keeps it whole.
MAX_PAGE_CHARS = 20_000


def _headers(auth):
    return {"Authorization": f"Bearer {auth['api_key']}"} if auth.get("api_key") else {}


async def _account_test(ctx):
    """The key's usage (`GET /usage`), which every valid key may read."""
    await api(ctx, "GET", "/usage")
    return None


app = App(
    "tavily",
    "Tavily",
    "Search the web with Tavily for answers with sources, read pages as clean text or Markdown, and crawl or map a site.",
    auth=Keys([KeyField("api_key", "API Key", "A Tavily API key (starts with `tvly-`), from app.tavily.com.")]),
    categories=["AI", "Developer Tools"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["api.tavily.com"],
    auth_headers=_headers,
    test=_account_test,
)


_STATUS_HINTS = {
    400: "fix the values named in the message",
    401: "Tavily rejected the API key; the user should reconnect Tavily with a valid key",
    403: "this key may not use that feature; check the Tavily plan",
    432: "the Tavily plan's monthly credits are used up; upgrade the plan or wait for the next month",
    433: "the pay-as-you-go spending limit is reached; raise it in the Tavily dashboard",
}


def tavily_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    detail = data.get("detail") if isinstance(data, dict) else None
    message = (detail.get("error") if isinstance(detail, dict) else detail) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Tavily; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status in _STATUS_HINTS:
        hint = _STATUS_HINTS[status]
    elif status >= 500:
        hint = "Tavily had a server error; retrying later may work"
    else:
        hint = "fix the request values named in the message"
    return UpstreamError(f"Tavily API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise tavily_error(method, path, response)
    return response.json() if response.content else {}


def cut(text):
    if text and len(text) > MAX_PAGE_CHARS:
        return text[:MAX_PAGE_CHARS] + f"\n[cut at {MAX_PAGE_CHARS:,} of {len(text):,} characters; ask for fullResponse for all]"
    return text


def page_result(page):
    return {"url": page.get("url"), "content": cut(page.get("raw_content")), "images": page.get("images") or []}


def domains(value, name):
    items = [str(d).strip() for d in value or [] if str(d).strip()]
    if any("/" in d for d in items):
        raise ActionError(f"{name} takes bare domains such as `arxiv.org`, without https:// or paths")
    return items


app.define(
    "extractDepth",
    props.string(
        "Extract Depth",
        "`basic` (the default, faster and cheaper) or `advanced` (also tables and embedded content, slower).",
        options=["basic", "advanced"], optional=True, default="basic",
    ),
)

app.define(
    "format",
    props.string("Format", "Page text as `markdown` (the default) or plain `text`.", options=["markdown", "text"],
                 optional=True, default="markdown"),
)
