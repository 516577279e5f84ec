import json

import httpx

from mcp_gateway.runtime.engine import run_action

API = "https://api.tavily.com"
AUTH = {"api_key": "tvly-dev-key123"}


def assert_request(request, path, body):
    assert request.method == "POST"
    assert str(request.url) == f"{API}{path}"
    assert request.headers["authorization"] == "Bearer tvly-dev-key123"
    assert json.loads(request.content) == body


def _search_answer():
    return {
        "query": "Who is Leo Messi?",
        "answer": "Lionel Messi is an Argentine footballer.",
        "images": [],
        "results": [{"title": "Lionel Messi Facts | Britannica", "url": "https://www.britannica.com/facts/Lionel-Messi",
                     "content": "Lionel Messi, an Argentine footballer, is widely regarded as one of the greatest.",
                     "score": 0.81025416, "raw_content": None, "favicon": "https://britannica.com/favicon.png"}],
        "auto_parameters": {"topic": "general", "search_depth": "basic"},
        "response_time": "1.67",
        "request_id": "123e4567-e89b-12d3-a456-426614174111",
    }


async def test_search_sends_tavilys_fields_and_trims_the_results(catalog, respx_mock):
    route = respx_mock.post(f"{API}/search").mock(return_value=httpx.Response(200, json=_search_answer()))
    result = await run_action(catalog.action("tavily-search"), {
        "query": "Who is Leo Messi?", "topic": "news", "searchDepth": "advanced", "maxResults": 3, "timeRange": "week",
        "includeAnswer": True, "includeDomains": ["britannica.com"], "country": "Argentina"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "/search", {
        "query": "Who is Leo Messi?", "topic": "news", "search_depth": "advanced", "max_results": 3, "time_range": "week",
        "include_answer": True, "include_domains": ["britannica.com"], "country": "argentina"})
    assert result.ret == {"answer": "Lionel Messi is an Argentine footballer.", "images": [], "results": [{
        "title": "Lionel Messi Facts | Britannica", "url": "https://www.britannica.com/facts/Lionel-Messi",
        "content": "Lionel Messi, an Argentine footballer, is widely regarded as one of the greatest.",
        "score": 0.81025416, "published_date": None}]}
    whole = await run_action(catalog.action("tavily-search"), {"query": "Who is Leo Messi?", "fullResponse": True}, auth=AUTH)
    assert whole.ret == _search_answer()
    assert json.loads(route.calls.last.request.content) == {"query": "Who is Leo Messi?", "topic": "general",
                                                             "search_depth": "basic", "max_results": 5}


async def test_search_with_page_text_cuts_long_pages(catalog, respx_mock):
    long_page = {**_search_answer(), "results": [{**_search_answer()["results"][0], "raw_content": "x" * 25_000}]}
    route = respx_mock.post(f"{API}/search").mock(return_value=httpx.Response(200, json=long_page))
    result = await run_action(catalog.action("tavily-search"), {"query": "messi", "includeRawContent": True}, auth=AUTH)
    assert json.loads(route.calls.last.request.content)["include_raw_content"] == "markdown"
    text = result.ret["results"][0]["raw_content"]
    assert text.startswith("x" * 20_000) and "[cut at 20,000 of 25,000 characters" in text


async def test_search_refuses_urls_as_domains(catalog, respx_mock):
    result = await run_action(catalog.action("tavily-search"),
                              {"query": "q", "includeDomains": ["https://arxiv.org/list"]}, auth=AUTH)
    assert result.error == "includeDomains takes bare domains such as `arxiv.org`, without https:// or paths"
    assert not respx_mock.calls


async def test_extract_reads_pages_and_lists_failures(catalog, respx_mock):
    route = respx_mock.post(f"{API}/extract").mock(return_value=httpx.Response(200, json={
        "results": [{"url": "https://en.wikipedia.org/wiki/Artificial_intelligence",
                     "raw_content": "# Artificial intelligence\n\nAI is intelligence...", "images": [],
                     "favicon": "https://en.wikipedia.org/static/favicon/wikipedia.ico"}],
        "failed_results": [{"url": "https://example.com/gone", "error": "404 Not Found"}],
        "response_time": 0.02, "request_id": "123e4567-e89b-12d3-a456-426614174111"}))
    result = await run_action(catalog.action("tavily-extract"), {
        "urls": ["https://en.wikipedia.org/wiki/Artificial_intelligence", "https://example.com/gone"],
        "extractDepth": "advanced", "includeImages": True}, auth=AUTH)
    assert_request(route.calls.last.request, "/extract", {
        "urls": ["https://en.wikipedia.org/wiki/Artificial_intelligence", "https://example.com/gone"],
        "extract_depth": "advanced", "format": "markdown", "include_images": True})
    assert result.ret == {"pages": [{"url": "https://en.wikipedia.org/wiki/Artificial_intelligence",
                                     "content": "# Artificial intelligence\n\nAI is intelligence...", "images": []}],
                          "failed": [{"url": "https://example.com/gone", "error": "404 Not Found"}]}
    assert result.summary == "Read 1 page; 1 failed"


async def test_extract_takes_at_most_twenty_urls(catalog, respx_mock):
    result = await run_action(catalog.action("tavily-extract"), {"urls": [f"https://e.com/{n}" for n in range(21)]}, auth=AUTH)
    assert result.error == "give between 1 and 20 URLs (got 21)"
    assert not respx_mock.calls


async def test_crawl_and_map(catalog, respx_mock):
    crawled = respx_mock.post(f"{API}/crawl").mock(return_value=httpx.Response(200, json={
        "base_url": "docs.tavily.com", "results": [{"url": "https://docs.tavily.com/welcome", "raw_content": "Welcome", "images": []}],
        "response_time": 1.23, "request_id": "r1"}))
    result = await run_action(catalog.action("tavily-crawl"), {
        "url": "https://docs.tavily.com", "instructions": "SDK pages", "maxDepth": 2, "limit": 10, "selectPaths": ["/sdk/.*"]}, auth=AUTH)
    assert_request(crawled.calls.last.request, "/crawl", {
        "url": "https://docs.tavily.com", "max_depth": 2, "limit": 10, "extract_depth": "basic", "format": "markdown",
        "instructions": "SDK pages", "select_paths": ["/sdk/.*"]})
    assert result.ret == {"base_url": "docs.tavily.com", "pages": [{"url": "https://docs.tavily.com/welcome", "content": "Welcome", "images": []}]}

    mapped = respx_mock.post(f"{API}/map").mock(return_value=httpx.Response(200, json={
        "base_url": "docs.tavily.com", "results": ["https://docs.tavily.com/welcome", "https://docs.tavily.com/faq"],
        "response_time": 0.5, "request_id": "r2"}))
    result = await run_action(catalog.action("tavily-map-site"), {"url": "https://docs.tavily.com", "limit": 100}, auth=AUTH)
    assert_request(mapped.calls.last.request, "/map", {"url": "https://docs.tavily.com", "max_depth": 1, "limit": 100})
    assert result.ret == {"base_url": "docs.tavily.com", "urls": ["https://docs.tavily.com/welcome", "https://docs.tavily.com/faq"]}


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/search").mock(side_effect=[
        httpx.Response(401, json={"detail": {"error": "Unauthorized: missing or invalid API key."}}),
        httpx.Response(432, json={"detail": {"error": "This request exceeds your plan's set usage limit."}}),
        httpx.Response(429, headers={"Retry-After": "20"}, json={"detail": {"error": "Too many requests"}}),
    ])
    action = catalog.action("tavily-search")
    assert "reconnect Tavily with a valid key" in (await run_action(action, {"query": "q"}, auth=AUTH)).error
    assert "monthly credits are used up" in (await run_action(action, {"query": "q"}, auth=AUTH)).error
    assert "rate limited by Tavily; retry after 20 s" in (await run_action(action, {"query": "q"}, auth=AUTH)).error
