import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.perplexity.ai"
AUTH = {"api_key": "pplx-test-key"}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer pplx-test-key"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _completion(model="sonar"):
    return {
        "id": "a3f1c2d4-0000-4b7e-9c1f-2f5e8d3a7b10",
        "model": model,
        "created": 1765099200,
        "usage": {"prompt_tokens": 14, "completion_tokens": 120, "total_tokens": 134, "search_context_size": "low",
                  "cost": {"input_tokens_cost": 0.0, "output_tokens_cost": 0.0001, "request_cost": 0.005, "total_cost": 0.0051}},
        "object": "chat.completion",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": "The Milky Way has 100 to 400 billion stars [1]."},
                     "delta": {"role": "assistant", "content": ""}}],
        "citations": ["https://science.nasa.gov/milky-way"],
        "search_results": [{"title": "The Milky Way", "url": "https://science.nasa.gov/milky-way", "date": "2025-03-01",
                            "last_updated": "2025-06-01", "snippet": "Our galaxy..."}],
    }


async def test_chat_completion_sends_the_question_with_filters_and_trims_the_answer(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat/completions").mock(return_value=httpx.Response(200, json=_completion("sonar-pro")))
    result = await run_action(catalog.action("perplexity-chat-completion"), {
        "question": "How many stars are there in our galaxy?", "model": "sonar-pro", "systemPrompt": "Be precise.",
        "history": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}],
        "searchDomainFilter": ["nasa.gov", "-reddit.com"], "searchRecencyFilter": "month", "searchMode": "academic",
        "searchContextSize": "low", "maxTokens": 500, "temperature": 0.1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/chat/completions", body={
        "model": "sonar-pro",
        "messages": [{"role": "system", "content": "Be precise."}, {"role": "user", "content": "Hi"},
                     {"role": "assistant", "content": "Hello"},
                     {"role": "user", "content": "How many stars are there in our galaxy?"}],
        "search_domain_filter": ["nasa.gov", "-reddit.com"], "search_recency_filter": "month", "search_mode": "academic",
        "max_tokens": 500, "temperature": 0.1, "web_search_options": {"search_context_size": "low"}})
    assert result.ret == {
        "id": "a3f1c2d4-0000-4b7e-9c1f-2f5e8d3a7b10", "model": "sonar-pro",
        "answer": "The Milky Way has 100 to 400 billion stars [1].", "finish_reason": "stop",
        "citations": ["https://science.nasa.gov/milky-way"],
        "search_results": [{"title": "The Milky Way", "url": "https://science.nasa.gov/milky-way", "date": "2025-03-01"}],
        "usage": {"total_tokens": 134, "cost": 0.0051}}
    assert result.summary == "sonar-pro answered in 47 characters citing 1 sources"

    whole = await run_action(catalog.action("perplexity-chat-completion"),
                             {"question": "How many stars?", "fullResponse": True}, auth=AUTH)
    assert whole.ret == _completion("sonar-pro")
    assert json.loads(route.calls.last.request.content) == {"model": "sonar",
                                                             "messages": [{"role": "user", "content": "How many stars?"}]}


async def test_chat_completion_checks_domains_before_sending(catalog, respx_mock):
    result = await run_action(catalog.action("perplexity-chat-completion"),
                              {"question": "x", "searchDomainFilter": ["https://nasa.gov/news"]}, auth=AUTH)
    assert "bare domains" in result.error
    assert not respx_mock.calls


async def test_search_sends_the_search_api_fields(catalog, respx_mock):
    answer = {"id": "e38104d5-6bd7-4d82-bc4e-0a21179d1f77", "server_time": None, "results": [
        {"title": "AI chips", "url": "https://example.com/chips", "snippet": "Export rules...", "date": "2025-01-10",
         "last_updated": "2025-02-01"}]}
    route = respx_mock.post(f"{API}/search").mock(return_value=httpx.Response(200, json=answer))
    result = await run_action(catalog.action("perplexity-search"), {
        "query": "AI chip export rules", "maxResults": 5, "maxTokensPerPage": 512, "searchDomainFilter": ["example.com"],
        "searchRecencyFilter": "week", "country": "us", "searchLanguageFilter": ["EN"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/search", body={
        "query": "AI chip export rules", "max_results": 5, "max_tokens_per_page": 512, "search_recency_filter": "week",
        "search_domain_filter": ["example.com"], "country": "US", "search_language_filter": ["en"]})
    assert result.ret == [{"title": "AI chips", "url": "https://example.com/chips", "snippet": "Export rules...",
                           "date": "2025-01-10", "last_updated": "2025-02-01"}]
    assert result.summary == "Found 1 pages for 'AI chip export rules'"


def _job(status="CREATED", **extra):
    return {"id": "req_7f3a", "model": "sonar-deep-research", "created_at": 1765099200, "started_at": None,
            "completed_at": None, "failed_at": None, "status": status, **extra}


async def test_deep_research_is_started_then_read(catalog, respx_mock):
    created = respx_mock.post(f"{API}/async/chat/completions").mock(return_value=httpx.Response(200, json=_job()))
    result = await run_action(catalog.action("perplexity-create-async-chat-completion"), {
        "question": "Survey solid-state battery makers", "reasoningEffort": "high", "idempotencyKey": "report-1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", "/async/chat/completions", body={
        "request": {"model": "sonar-deep-research", "messages": [{"role": "user", "content": "Survey solid-state battery makers"}],
                    "reasoning_effort": "high"},
        "idempotency_key": "report-1"})
    assert result.ret["status"] == "CREATED" and result.summary == "Started sonar-deep-research job req_7f3a (CREATED)"

    done = _job("COMPLETED", started_at=1765099210, completed_at=1765099500, response=_completion("sonar-deep-research"))
    got = respx_mock.get(f"{API}/async/chat/completions/req_7f3a").mock(return_value=httpx.Response(200, json=done))
    result = await run_action(catalog.action("perplexity-get-async-chat-completion"), {"requestId": "req_7f3a"}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/async/chat/completions/req_7f3a")
    assert result.ret["status"] == "COMPLETED" and result.summary == "Job req_7f3a is COMPLETED"
    assert result.ret["result"]["answer"] == "The Milky Way has 100 to 400 billion stars [1]."
    assert result.ret["result"]["citations"] == ["https://science.nasa.gov/milky-way"]


async def test_list_jobs_follows_next_token_until_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/async/chat/completions").mock(side_effect=[
        httpx.Response(200, json={"requests": [_job("COMPLETED")], "next_token": "tok+2"}),
        httpx.Response(200, json={"requests": [{**_job("IN_PROGRESS"), "id": "req_8b"}], "next_token": "tok+3"}),
        httpx.Response(200, json={"requests": [{**_job(), "id": "req_9c"}], "next_token": None}),
    ])
    action = catalog.action("perplexity-list-async-chat-completions")
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/async/chat/completions", params={"limit": "2"})
    assert_request(route.calls[1].request, "GET", "/async/chat/completions", params={"limit": "1", "next_token": "tok+2"})
    assert [j["id"] for j in first.ret["requests"]] == ["req_7f3a", "req_8b"] and first.ret["next_cursor"] == "tok+3"
    second = await run_action(action, {"limit": 2, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert route.calls[2].request.url.params["next_token"] == "tok+3"
    assert second.ret["next_cursor"] is None and second.ret["requests"][0]["status"] == "CREATED"


async def test_request_id_options_page_by_next_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/async/chat/completions").mock(side_effect=[
        httpx.Response(200, json={"requests": [_job("COMPLETED")], "next_token": "t2"}),
        httpx.Response(200, json={"requests": [{**_job(), "id": "req_9c"}], "next_token": None}),
    ])
    action = catalog.action("perplexity-get-async-chat-completion")
    first = await fetch_options(action, "requestId", {}, auth=AUTH)
    assert first["options"] == [{"label": "sonar-deep-research COMPLETED (req_7f3a)", "value": "req_7f3a"}]
    assert first["context"] == {"next_token": "t2"}
    second = await fetch_options(action, "requestId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"][0]["value"] == "req_9c" and second["context"] is None
    assert dict(route.calls[1].request.url.params) == {"limit": "50", "next_token": "t2"}


async def test_a_rejected_key_and_a_rate_limit_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/search").mock(side_effect=[
        httpx.Response(401, json={"error": {"message": "Invalid API key", "type": "invalid_api_key", "code": 401}}),
        httpx.Response(429, headers={"Retry-After": "30"},
                       json={"error": {"message": "Rate limit exceeded", "type": "rate_limit_exceeded", "code": 429}}),
    ])
    action = catalog.action("perplexity-search")
    assert "reconnect Perplexity" in (await run_action(action, {"query": "x"}, auth=AUTH)).error
    error = (await run_action(action, {"query": "x"}, auth=AUTH)).error
    assert "Rate limit exceeded" in error and "rate limited by Perplexity; retry after 30 s" in error
