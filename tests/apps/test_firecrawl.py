import json

import httpx

from mcp_gateway.runtime.engine import run_action

API = "https://api.firecrawl.dev/v1"
AUTH = {"api_key": "fc-test-key"}
CRAWL = "123e4567-e89b-12d3-a456-426614174000"


def assert_request(request, method, url, body=None):
    assert request.method == method
    assert str(request.url) == url
    assert request.headers["authorization"] == "Bearer fc-test-key"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _page(url="https://firecrawl.dev", markdown="# Firecrawl\n\nTurn websites into LLM-ready data."):
    return {"markdown": markdown, "links": ["https://firecrawl.dev/pricing"],
            "metadata": {"title": "Firecrawl", "description": "Turn websites into LLM-ready data", "language": "en",
                         "sourceURL": url, "statusCode": 200}}


async def test_scrape_page_sends_formats_and_returns_the_markdown(catalog, respx_mock):
    route = respx_mock.post(f"{API}/scrape").mock(return_value=httpx.Response(200, json={"success": True, "data": _page()}))
    result = await run_action(catalog.action("firecrawl-scrape-page"), {
        "url": "https://firecrawl.dev", "formats": ["markdown", "links"], "waitFor": 1000, "excludeTags": ["#ads"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/scrape", {
        "url": "https://firecrawl.dev", "formats": ["markdown", "links"], "onlyMainContent": True, "waitFor": 1000,
        "excludeTags": ["#ads"]})
    assert result.ret == {"url": "https://firecrawl.dev", "title": "Firecrawl", "description": "Turn websites into LLM-ready data",
                          "status_code": 200, "markdown": "# Firecrawl\n\nTurn websites into LLM-ready data.",
                          "links": ["https://firecrawl.dev/pricing"]}
    assert result.summary == "Scraped Firecrawl"


async def test_scrape_page_cuts_a_long_page_unless_asked_for_all(catalog, respx_mock):
    respx_mock.post(f"{API}/scrape").mock(return_value=httpx.Response(200, json={"success": True, "data": _page(markdown="y" * 30_000)}))
    trimmed = await run_action(catalog.action("firecrawl-scrape-page"), {"url": "https://e.com"}, auth=AUTH)
    assert "[cut at 20,000 of 30,000 characters" in trimmed.ret["markdown"]
    whole = await run_action(catalog.action("firecrawl-scrape-page"), {"url": "https://e.com", "fullResponse": True}, auth=AUTH)
    assert whole.ret["data"]["markdown"] == "y" * 30_000


async def test_crawl_starts_reads_pages_with_the_next_cursor_and_cancels(catalog, respx_mock):
    started = respx_mock.post(f"{API}/crawl").mock(return_value=httpx.Response(200, json={
        "success": True, "id": CRAWL, "url": f"{API}/crawl/{CRAWL}"}))
    result = await run_action(catalog.action("firecrawl-crawl-site"), {
        "url": "https://docs.firecrawl.dev", "limit": 5, "includePaths": ["^/features/.*$"]}, auth=AUTH)
    assert_request(started.calls.last.request, "POST", f"{API}/crawl", {
        "url": "https://docs.firecrawl.dev", "limit": 5, "includePaths": ["^/features/.*$"],
        "scrapeOptions": {"formats": ["markdown"], "onlyMainContent": True}})
    assert result.ret == {"crawl_id": CRAWL, "status_url": f"{API}/crawl/{CRAWL}"}

    next_url = f"{API}/crawl/{CRAWL}?skip=1"
    status = respx_mock.get(f"{API}/crawl/{CRAWL}").mock(side_effect=[
        httpx.Response(200, json={"status": "scraping", "total": 2, "completed": 1, "creditsUsed": 1,
                                  "expiresAt": "2026-12-08T14:00:00.000Z", "next": next_url, "data": [_page("https://docs.firecrawl.dev/a")]}),
        httpx.Response(200, json={"status": "completed", "total": 2, "completed": 2, "creditsUsed": 2,
                                  "expiresAt": "2026-12-08T14:00:00.000Z", "next": None, "data": [_page("https://docs.firecrawl.dev/b")]}),
    ])
    first = await run_action(catalog.action("firecrawl-get-crawl-status"), {"crawlId": CRAWL}, auth=AUTH)
    assert_request(status.calls[0].request, "GET", f"{API}/crawl/{CRAWL}")
    assert first.ret["status"] == "scraping" and first.ret["next_cursor"] == next_url
    assert [p["url"] for p in first.ret["pages"]] == ["https://docs.firecrawl.dev/a"]
    second = await run_action(catalog.action("firecrawl-get-crawl-status"), {"crawlId": CRAWL, "cursor": next_url}, auth=AUTH)
    assert_request(status.calls[1].request, "GET", next_url)
    assert second.ret["next_cursor"] is None and second.summary == "Crawl completed: 2 of 2 pages"

    cancelled = respx_mock.delete(f"{API}/crawl/{CRAWL}").mock(return_value=httpx.Response(200, json={"status": "cancelled"}))
    result = await run_action(catalog.action("firecrawl-cancel-crawl"), {"crawlId": CRAWL}, auth=AUTH)
    assert_request(cancelled.calls.last.request, "DELETE", f"{API}/crawl/{CRAWL}")
    assert result.ret == {"crawl_id": CRAWL, "status": "cancelled"}


async def test_a_cursor_from_elsewhere_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("firecrawl-get-crawl-status"),
                              {"crawlId": CRAWL, "cursor": "https://evil.example/steal"}, auth=AUTH)
    assert result.error == "cursor must be the `next_cursor` this action returned, unchanged"
    assert not respx_mock.calls


async def test_map_and_search(catalog, respx_mock):
    mapped = respx_mock.post(f"{API}/map").mock(return_value=httpx.Response(200, json={
        "success": True, "links": ["https://firecrawl.dev/pricing", "https://firecrawl.dev/blog"]}))
    result = await run_action(catalog.action("firecrawl-map-site"), {"url": "https://firecrawl.dev", "search": "pricing"}, auth=AUTH)
    assert_request(mapped.calls.last.request, "POST", f"{API}/map", {"url": "https://firecrawl.dev", "limit": 100, "search": "pricing"})
    assert result.ret == {"urls": ["https://firecrawl.dev/pricing", "https://firecrawl.dev/blog"]}

    searched = respx_mock.post(f"{API}/search").mock(return_value=httpx.Response(200, json={"success": True, "data": [
        {"title": "Firecrawl", "description": "Turn websites into LLM-ready data", "url": "https://firecrawl.dev",
         "markdown": "# Firecrawl", "metadata": {"title": "Firecrawl", "sourceURL": "https://firecrawl.dev", "statusCode": 200}}]}))
    result = await run_action(catalog.action("firecrawl-search"), {
        "query": "web scraping api", "limit": 3, "scrapeResults": True, "tbs": "qdr:w", "lang": "en"}, auth=AUTH)
    assert_request(searched.calls.last.request, "POST", f"{API}/search", {
        "query": "web scraping api", "limit": 3, "lang": "en", "tbs": "qdr:w",
        "scrapeOptions": {"formats": ["markdown"], "onlyMainContent": True}})
    assert result.ret == {"results": [{"url": "https://firecrawl.dev", "title": "Firecrawl",
                                       "description": "Turn websites into LLM-ready data", "markdown": "# Firecrawl"}]}


async def test_extraction_starts_and_is_read_back(catalog, respx_mock):
    started = respx_mock.post(f"{API}/extract").mock(return_value=httpx.Response(200, json={"success": True, "id": "ext_1"}))
    schema = {"type": "object", "properties": {"plans": {"type": "array", "items": {"type": "object"}}}}
    result = await run_action(catalog.action("firecrawl-extract-data"), {
        "urls": ["https://firecrawl.dev/pricing"], "prompt": "each plan and its price", "schema": schema}, auth=AUTH)
    assert_request(started.calls.last.request, "POST", f"{API}/extract", {
        "urls": ["https://firecrawl.dev/pricing"], "prompt": "each plan and its price", "schema": schema})
    assert result.ret == {"extraction_id": "ext_1"}

    got = respx_mock.get(f"{API}/extract/ext_1").mock(return_value=httpx.Response(200, json={
        "success": True, "data": {"plans": [{"name": "Hobby", "price": 16}]}, "status": "completed", "expiresAt": "2026-12-08T14:00:00.000Z"}))
    result = await run_action(catalog.action("firecrawl-get-extraction"), {"extractionId": "ext_1"}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"{API}/extract/ext_1")
    assert result.ret == {"status": "completed", "data": {"plans": [{"name": "Hobby", "price": 16}]}, "expires_at": "2026-12-08T14:00:00.000Z"}


async def test_extraction_needs_a_prompt_or_schema(catalog, respx_mock):
    result = await run_action(catalog.action("firecrawl-extract-data"), {"urls": ["https://e.com"]}, auth=AUTH)
    assert result.error == "say what to extract: give a prompt, a schema, or both"
    assert not respx_mock.calls


async def test_credit_usage_and_errors(catalog, respx_mock):
    respx_mock.get(f"{API}/team/credit-usage").mock(side_effect=[
        httpx.Response(200, json={"success": True, "data": {"remaining_credits": 1000}}),
        httpx.Response(402, json={"success": False, "error": "Insufficient credits to perform this request."}),
        httpx.Response(429, headers={"Retry-After": "8"}, json={"success": False, "error": "Rate limit exceeded"}),
    ])
    action = catalog.action("firecrawl-get-credit-usage")
    assert (await run_action(action, {}, auth=AUTH)).ret == {"remaining_credits": 1000}
    assert "out of credits; add credits or upgrade the plan" in (await run_action(action, {}, auth=AUTH)).error
    assert "rate limited by Firecrawl; retry after 8 s" in (await run_action(action, {}, auth=AUTH)).error
