import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, ActionError, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.datadoghq.eu"
AUTH = {"api_key": "dd-api-key-1", "application_key": "dd-app-key-1", "site": "datadoghq.eu"}
DOWNTIME = "00e000000-0000-1234-0000-000000000000"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["dd-api-key"] == "dd-api-key-1"
    assert request.headers["dd-application-key"] == "dd-app-key-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _log(log_id="AQAAAYabc", message="payment timeout"):
    return {"id": log_id, "type": "log", "attributes": {
        "timestamp": "2026-12-07T10:00:00.000Z", "status": "error", "service": "checkout", "host": "web-1",
        "message": message, "tags": ["env:prod"], "attributes": {"http": {"status_code": 500}}}}


def _monitor(monitor_id=12345678, name="High CPU on web"):
    return {"id": monitor_id, "name": name, "type": "metric alert", "query": "avg(last_5m):avg:system.cpu.user{*} > 90",
            "message": "CPU is high @slack-ops", "tags": ["team:ops"], "priority": 2, "overall_state": "Alert",
            "options": {"thresholds": {"critical": 90}, "silenced": {}, "notify_no_data": False},
            "creator": {"email": "ada@example.com", "handle": "ada@example.com", "name": "Ada"},
            "created": "2026-01-01T00:00:00.000000+00:00", "modified": "2026-11-01T00:00:00.000000+00:00",
            "multi": False, "restricted_roles": None}


async def test_search_logs_follows_the_cursor_until_the_limit(catalog, respx_mock):
    route = respx_mock.post(f"{API}/api/v2/logs/events/search").mock(side_effect=[
        httpx.Response(200, json={"data": [_log("a"), _log("b")], "meta": {"page": {"after": "c1"}, "status": "done"},
                                  "links": {"next": f"{API}/api/v2/logs/events?page[cursor]=c1"}}),
    ])
    action = catalog.action("datadog-search-logs")
    result = await run_action(action, {"query": "service:checkout status:error", "from": "now-1h", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/api/v2/logs/events/search", body={
        "filter": {"query": "service:checkout status:error", "from": "now-1h", "to": "now"}, "sort": "-timestamp",
        "page": {"limit": 2}})
    assert result.ret["next_cursor"] == "c1" and result.ret["logs"][0] == {
        "id": "a", "timestamp": "2026-12-07T10:00:00.000Z", "status": "error", "service": "checkout", "host": "web-1",
        "message": "payment timeout", "tags": ["env:prod"]}
    route.side_effect = [httpx.Response(200, json={"data": [_log("c")], "meta": {"page": {}}})]
    second = await run_action(action, {"limit": 2, "cursor": "c1", "indexes": ["main"]}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {
        "filter": {"query": "*", "from": "now-15m", "to": "now", "indexes": ["main"]}, "sort": "-timestamp",
        "page": {"limit": 2, "cursor": "c1"}}
    assert [log["id"] for log in second.ret["logs"]] == ["c"] and second.ret["next_cursor"] is None


async def test_query_metrics_returns_the_series(catalog, respx_mock):
    route = respx_mock.get(f"{API}/api/v1/query").mock(return_value=httpx.Response(200, json={
        "status": "ok", "res_type": "time_series", "query": "avg:system.cpu.user{*} by {host}", "from_date": 1765100000000,
        "to_date": 1765103600000, "group_by": ["host"], "series": [{
            "metric": "system.cpu.user", "display_name": "system.cpu.user", "scope": "host:web-1", "expression":
            "avg:system.cpu.user{host:web-1}", "interval": 20, "length": 2, "aggr": "avg", "tag_set": ["host:web-1"],
            "pointlist": [[1765100000000.0, 12.5], [1765100020000.0, 14.0]], "start": 1765100000000, "end": 1765103600000,
            "unit": [{"family": "percentage", "short_name": "%", "name": "percent"}, None]}]}))
    result = await run_action(catalog.action("datadog-query-metrics"), {
        "query": "avg:system.cpu.user{*} by {host}", "from": 1765100000, "to": 1765103600}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/api/v1/query",
                   params={"from": "1765100000", "to": "1765103600", "query": "avg:system.cpu.user{*} by {host}"})
    assert result.ret["series"] == [{"metric": "system.cpu.user", "scope": "host:web-1", "display_name": "system.cpu.user",
                                     "unit": ["%"], "interval": 20,
                                     "pointlist": [[1765100000000.0, 12.5], [1765100020000.0, 14.0]]}]
    result = await run_action(catalog.action("datadog-query-metrics"), {"query": "x", "from": 10, "to": 5}, auth=AUTH)
    assert result.error == "`from` must be before `to` (both in Unix seconds)"


async def test_list_monitors_pages_and_get_monitor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/api/v1/monitor").mock(return_value=httpx.Response(200, json=[
        _monitor(n, f"m{n}") for n in range(1, 4)]))
    result = await run_action(catalog.action("datadog-list-monitors"),
                              {"name": "cpu", "monitorTags": "team:ops", "limit": 2}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/api/v1/monitor",
                   params={"name": "cpu", "monitor_tags": "team:ops", "page": "0", "page_size": "100"})
    assert [m["id"] for m in result.ret["monitors"]] == [1, 2] and result.ret["next_cursor"] == "2"
    assert result.ret["monitors"][0]["overall_state"] == "Alert" and "options" not in result.ret["monitors"][0]
    rest = await run_action(catalog.action("datadog-list-monitors"), {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert [m["id"] for m in rest.ret["monitors"]] == [3] and rest.ret["next_cursor"] is None

    got = respx_mock.get(f"{API}/api/v1/monitor/12345678").mock(return_value=httpx.Response(200, json=_monitor()))
    result = await run_action(catalog.action("datadog-get-monitor"), {"monitorId": 12345678}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/api/v1/monitor/12345678")
    assert result.ret["thresholds"] == {"critical": 90} and result.ret["creator"] == "ada@example.com"
    whole = await run_action(catalog.action("datadog-get-monitor"), {"monitorId": 12345678, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _monitor()


async def test_mute_a_monitor_with_a_downtime_and_cancel_it(catalog, respx_mock):
    created = respx_mock.post(f"{API}/api/v2/downtime").mock(return_value=httpx.Response(200, json={"data": {
        "id": DOWNTIME, "type": "downtime", "attributes": {
            "scope": "host:web-1", "status": "active", "message": "Deploying v2", "monitor_identifier": {"monitor_id": 12345678},
            "schedule": {"start": "2026-12-07T10:00:00+00:00", "end": "2026-12-07T12:00:00+00:00"},
            "created": "2026-12-07T10:00:00+00:00", "display_timezone": "UTC"}}}))
    result = await run_action(catalog.action("datadog-mute-monitor"), {
        "monitorId": 12345678, "scope": "host:web-1", "end": "2026-12-07T12:00:00Z", "message": "Deploying v2"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", "/api/v2/downtime", body={"data": {"type": "downtime", "attributes": {
        "scope": "host:web-1", "monitor_identifier": {"monitor_id": 12345678}, "schedule": {"end": "2026-12-07T12:00:00Z"},
        "message": "Deploying v2"}}})
    assert result.ret["downtime_id"] == DOWNTIME and result.ret["status"] == "active"
    assert result.summary == "Muted monitor 12345678 until 2026-12-07T12:00:00Z"

    cancelled = respx_mock.delete(f"{API}/api/v2/downtime/{DOWNTIME}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("datadog-cancel-downtime"), {"downtimeId": DOWNTIME}, auth=AUTH)
    assert_request(cancelled.calls.last.request, "DELETE", f"/api/v2/downtime/{DOWNTIME}")
    assert result.ret == {"downtime_id": DOWNTIME, "cancelled": True}


async def test_create_event(catalog, respx_mock):
    route = respx_mock.post(f"{API}/api/v1/events").mock(return_value=httpx.Response(202, json={"status": "ok", "event": {
        "id": 1377281704830403917, "id_str": "1377281704830403917", "title": "Deployed checkout v2.3", "text": "by CI",
        "date_happened": 1765100000, "priority": "normal", "tags": ["env:prod"],
        "url": "https://app.datadoghq.eu/event/event?id=1377281704830403917"}}))
    result = await run_action(catalog.action("datadog-create-event"), {
        "title": "Deployed checkout v2.3", "text": "by CI", "tags": ["env:prod"], "alertType": "success",
        "aggregationKey": "deploy-checkout"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/api/v1/events", body={
        "title": "Deployed checkout v2.3", "text": "by CI", "tags": ["env:prod"], "alert_type": "success",
        "aggregation_key": "deploy-checkout"})
    assert result.ret["id"] == 1377281704830403917 and result.ret["status"] == "ok"


async def test_list_dashboards(catalog, respx_mock):
    route = respx_mock.get(f"{API}/api/v1/dashboard").mock(return_value=httpx.Response(200, json={"dashboards": [
        {"id": "abc-def-ghi", "title": "Checkout", "description": None, "url": "/dashboard/abc-def-ghi/checkout",
         "author_handle": "ada@example.com", "layout_type": "ordered", "is_read_only": False,
         "created_at": "2026-01-01T00:00:00.000000+00:00", "modified_at": "2026-11-01T00:00:00.000000+00:00"}]}))
    result = await run_action(catalog.action("datadog-list-dashboards"), {"sharedOnly": True, "limit": 1}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/api/v1/dashboard",
                   params={"count": "1", "start": "0", "filter[shared]": "true"})
    assert result.ret["dashboards"][0]["title"] == "Checkout" and result.ret["next_cursor"] == "1"


async def test_monitor_options_page_through_monitors(catalog, respx_mock):
    route = respx_mock.get(f"{API}/api/v1/monitor").mock(return_value=httpx.Response(200, json=[_monitor()]))
    page = await fetch_options(catalog.action("datadog-mute-monitor"), "monitorId", {}, auth=AUTH)
    assert page["options"] == [{"label": "High CPU on web", "value": 12345678}] and page["context"] is None
    assert dict(route.calls.last.request.url.params) == {"page": "0", "page_size": "100"}


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/api/v1/monitor/1").mock(side_effect=[
        httpx.Response(429, headers={"X-RateLimit-Limit": "100", "X-RateLimit-Period": "10", "X-RateLimit-Remaining": "0",
                                     "X-RateLimit-Reset": "7"}, json={"errors": ["Rate limit of 100 requests in 10 seconds reached."]}),
        httpx.Response(403, json={"errors": ["Forbidden"]}),
    ])
    result = await run_action(catalog.action("datadog-get-monitor"), {"monitorId": 1}, auth=AUTH)
    assert "Rate limit of 100 requests" in result.error and "retry after 7 s" in result.error
    result = await run_action(catalog.action("datadog-get-monitor"), {"monitorId": 1}, auth=AUTH)
    assert "Forbidden" in result.error and "application key is missing" in result.error



async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_the_account_test_checks_the_site_and_both_keys(catalog, respx_mock):
    validate = respx_mock.get(f"{API}/api/v1/validate").mock(return_value=httpx.Response(200, json={"valid": True}))
    monitors = respx_mock.get(f"{API}/api/v1/monitor").mock(return_value=httpx.Response(200, json=[]))
    identity = await _account_test(catalog.apps["datadog"], AUTH)
    assert identity == Identity(name="Datadog (datadoghq.eu)")
    assert_request(validate.calls.last.request, "GET", "/api/v1/validate")
    assert_request(monitors.calls.last.request, "GET", "/api/v1/monitor", params={"page": "0", "page_size": "1"})
    with pytest.raises(ActionError, match="not a Datadog site"):
        await _account_test(catalog.apps["datadog"], {**AUTH, "site": "app.datadoghq.com"})
