import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.apify.com/v2"
AUTH = {"api_token": "apify_api_test123"}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer apify_api_test123"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _run(status="SUCCEEDED"):
    return {"id": "HG7ML7M8z78YcAPEB", "actId": "HDSasDasz78YcAPEB", "userId": "7sT5jcggjjA9fNcxF",
            "startedAt": "2026-12-06T10:00:00.000Z", "finishedAt": "2026-12-06T10:00:42.000Z", "status": status,
            "meta": {"origin": "API"}, "buildId": "7sT5jcggjjA9fNcxF", "defaultKeyValueStoreId": "eJNzqsbPiopwJcgGQ",
            "defaultDatasetId": "wmKPijuyDnPZAPRMk", "defaultRequestQueueId": "FL35cSF7jrxr3BY39",
            "usageTotalUsd": 0.015, "containerUrl": "https://g8kd8kbc5ge8.runs.apify.net"}


SUMMARY = {"run_id": "HG7ML7M8z78YcAPEB", "actor_id": "HDSasDasz78YcAPEB", "status": "SUCCEEDED",
           "started_at": "2026-12-06T10:00:00.000Z", "finished_at": "2026-12-06T10:00:42.000Z",
           "dataset_id": "wmKPijuyDnPZAPRMk", "key_value_store_id": "eJNzqsbPiopwJcgGQ", "usage_usd": 0.015,
           "console_url": "https://console.apify.com/actors/runs/HG7ML7M8z78YcAPEB"}


async def test_run_actor_by_store_name_waits_and_returns_the_dataset(catalog, respx_mock):
    route = respx_mock.post(f"{API}/acts/apify~website-content-crawler/runs").mock(return_value=httpx.Response(201, json={"data": _run()}))
    result = await run_action(catalog.action("apify-run-actor"), {
        "actor": "https://apify.com/apify/website-content-crawler", "input": {"startUrls": [{"url": "https://example.com"}]},
        "memoryMbytes": 1024}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/acts/apify~website-content-crawler/runs",
                   params={"waitForFinish": "20", "memory": "1024"}, body={"startUrls": [{"url": "https://example.com"}]})
    assert result.ret == SUMMARY
    whole = await run_action(catalog.action("apify-run-actor"), {"actor": "apify/website-content-crawler", "fullResponse": True}, auth=AUTH)
    assert whole.ret == {"data": _run()}


async def test_a_malformed_actor_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("apify-run-actor"), {"actor": "web scraper please"}, auth=AUTH)
    assert "must be an Actor ID or `username/actor-name`" in result.error
    assert not respx_mock.calls


async def test_run_actor_and_get_items_cuts_big_items(catalog, respx_mock):
    route = respx_mock.post(f"{API}/acts/apify~web-scraper/run-sync-get-dataset-items").mock(return_value=httpx.Response(201, json=[
        {"url": "https://example.com", "title": "Example Domain"}, {"url": "https://example.com/big", "text": "z" * 5000}]))
    result = await run_action(catalog.action("apify-run-actor-and-get-items"),
                              {"actor": "apify/web-scraper", "input": {"startUrls": [{"url": "https://example.com"}]}, "limit": 10}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/acts/apify~web-scraper/run-sync-get-dataset-items",
                   params={"limit": "10", "clean": "true", "format": "json"}, body={"startUrls": [{"url": "https://example.com"}]})
    assert result.ret["items"][0] == {"url": "https://example.com", "title": "Example Domain"}
    assert result.ret["items"][1]["cut"].endswith(" [...]")


async def test_get_run_abort_and_list_runs(catalog, respx_mock):
    got = respx_mock.get(f"{API}/actor-runs/HG7ML7M8z78YcAPEB").mock(return_value=httpx.Response(200, json={"data": _run("RUNNING")}))
    result = await run_action(catalog.action("apify-get-run"), {"runId": "HG7ML7M8z78YcAPEB", "waitSeconds": 30}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/actor-runs/HG7ML7M8z78YcAPEB", params={"waitForFinish": "30"})
    assert result.ret["status"] == "RUNNING"

    aborted = respx_mock.post(f"{API}/actor-runs/HG7ML7M8z78YcAPEB/abort").mock(return_value=httpx.Response(200, json={"data": _run("ABORTING")}))
    result = await run_action(catalog.action("apify-abort-run"), {"runId": "HG7ML7M8z78YcAPEB"}, auth=AUTH)
    assert_request(aborted.calls.last.request, "POST", "/actor-runs/HG7ML7M8z78YcAPEB/abort")
    assert result.summary == "Run HG7ML7M8z78YcAPEB: ABORTING"

    listed = respx_mock.get(f"{API}/actor-runs").mock(return_value=httpx.Response(200, json={"data": {
        "total": 3, "count": 2, "offset": 0, "limit": 2, "desc": True, "items": [_run(), _run("FAILED")]}}))
    result = await run_action(catalog.action("apify-list-runs"), {"status": "SUCCEEDED", "limit": 2}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/actor-runs", params={"desc": "true", "status": "SUCCEEDED", "limit": "2", "offset": "0"})
    assert result.ret["next_cursor"] == "2" and result.ret["runs"][0] == SUMMARY


async def test_dataset_items_page_by_the_pagination_headers(catalog, respx_mock):
    route = respx_mock.get(f"{API}/datasets/wmKPijuyDnPZAPRMk/items").mock(side_effect=[
        httpx.Response(200, json=[{"url": "a"}, {"url": "b"}], headers={"X-Apify-Pagination-Total": "3", "X-Apify-Pagination-Offset": "0"}),
        httpx.Response(200, json=[{"url": "c"}], headers={"X-Apify-Pagination-Total": "3", "X-Apify-Pagination-Offset": "2"}),
    ])
    action = catalog.action("apify-get-dataset-items")
    first = await run_action(action, {"datasetId": "wmKPijuyDnPZAPRMk", "fields": ["url", "title"], "limit": 2}, auth=AUTH)
    assert_request(route.calls[0].request, "GET", "/datasets/wmKPijuyDnPZAPRMk/items",
                   params={"offset": "0", "limit": "2", "clean": "true", "format": "json", "fields": "url,title"})
    assert first.ret == {"items": [{"url": "a"}, {"url": "b"}], "total": 3, "next_cursor": "2"}
    second = await run_action(action, {"datasetId": "wmKPijuyDnPZAPRMk", "limit": 2, "cursor": "2"}, auth=AUTH)
    assert route.calls[1].request.url.params["offset"] == "2" and second.ret["next_cursor"] is None


async def test_get_record_reads_json_and_text_and_describes_bytes(catalog, respx_mock):
    path = f"{API}/key-value-stores/eJNzqsbPiopwJcgGQ/records"
    respx_mock.get(f"{path}/OUTPUT").mock(return_value=httpx.Response(200, json={"pages": 12}))
    respx_mock.get(f"{path}/log.txt").mock(return_value=httpx.Response(200, text="done", headers={"content-type": "text/plain"}))
    respx_mock.get(f"{path}/screenshot").mock(return_value=httpx.Response(200, content=b"\x89PNG....", headers={"content-type": "image/png"}))
    action = catalog.action("apify-get-record")
    assert (await run_action(action, {"storeId": "eJNzqsbPiopwJcgGQ"}, auth=AUTH)).ret == {
        "key": "OUTPUT", "content_type": "application/json", "value": {"pages": 12}}
    assert (await run_action(action, {"storeId": "eJNzqsbPiopwJcgGQ", "key": "log.txt"}, auth=AUTH)).ret["value"] == "done"
    assert (await run_action(action, {"storeId": "eJNzqsbPiopwJcgGQ", "key": "screenshot"}, auth=AUTH)).ret == {
        "key": "screenshot", "content_type": "image/png", "bytes": 8}


async def test_find_actors_in_the_store(catalog, respx_mock):
    route = respx_mock.get(f"{API}/store").mock(return_value=httpx.Response(200, json={"data": {
        "total": 1, "offset": 0, "limit": 10, "count": 1, "desc": False, "items": [{
            "id": "zdc3Pyhyz3m8vjDeM", "title": "Google Maps Scraper", "name": "google-maps-scraper", "username": "compass",
            "description": "Extract data from Google Maps places.", "stats": {"totalRuns": 1000000},
            "currentPricingInfo": {"pricingModel": "PAY_PER_EVENT"}}]}}))
    result = await run_action(catalog.action("apify-find-actors"), {"search": "google maps"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/store", params={"search": "google maps", "limit": "10", "offset": "0"})
    assert result.ret == {"actors": [{"actor": "compass/google-maps-scraper", "title": "Google Maps Scraper",
                                      "description": "Extract data from Google Maps places.", "runs": 1000000,
                                      "pricing": "PAY_PER_EVENT"}], "next_cursor": None}


async def test_actor_options_list_the_users_actors(catalog, respx_mock):
    route = respx_mock.get(f"{API}/acts").mock(return_value=httpx.Response(200, json={"data": {
        "total": 1, "items": [{"id": "a1", "name": "my-scraper", "username": "ada", "title": "My Scraper"}]}}))
    options = await fetch_options(catalog.action("apify-run-actor"), "actor", {}, auth=AUTH)
    assert options["options"] == [{"label": "My Scraper", "value": "ada/my-scraper"}] and options["context"] is None
    assert dict(route.calls.last.request.url.params) == {"my": "true", "limit": "100", "offset": "0"}


async def test_errors_say_what_to_fix(catalog, respx_mock):
    respx_mock.post(f"{API}/acts/ada~missing/runs").mock(return_value=httpx.Response(404, json={"error": {
        "type": "actor-not-found", "message": "Actor was not found"}}))
    respx_mock.get(f"{API}/actor-runs/r1").mock(return_value=httpx.Response(429, headers={"Retry-After": "3"}, json={"error": {
        "type": "rate-limit-exceeded", "message": "You have exceeded the rate limit"}}))
    missing = await run_action(catalog.action("apify-run-actor"), {"actor": "ada/missing"}, auth=AUTH)
    assert "find it with apify-find-actors" in missing.error
    limited = await run_action(catalog.action("apify-get-run"), {"runId": "r1"}, auth=AUTH)
    assert "rate limited by Apify; retry after 3 s" in limited.error
