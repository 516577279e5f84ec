import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.cloudflare.com/client/v4"
AUTH = {"api_token": "cf-token-1"}
ZONE = "023e105f4ecef8ad9ca31a8372d0c353"
RECORD = "372e67954025e0ba6aaa6d586b9e0b59"
ACCOUNT = "01a7362d577a6c3019a474fd6f485823"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer cf-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _ok(result, info=None):
    body = {"success": True, "errors": [], "messages": [], "result": result}
    if info is not None:
        body["result_info"] = info
    return body


def _zone(zone_id=ZONE, name="example.com"):
    return {"id": zone_id, "name": name, "status": "active", "paused": False, "type": "full",
            "development_mode": 0, "name_servers": ["bob.ns.cloudflare.com", "lola.ns.cloudflare.com"],
            "original_name_servers": ["ns1.registrar.com"], "modified_on": "2026-11-30T10:00:00.000000Z",
            "created_on": "2026-01-01T05:20:00.12345Z", "activated_on": "2026-01-02T05:20:00.12345Z",
            "account": {"id": ACCOUNT, "name": "Example Account"}, "plan": {"id": "free", "name": "Free Website"},
            "permissions": ["#worker:read"]}


def _record(record_id=RECORD, name="www.example.com", content="198.51.100.4"):
    return {"id": record_id, "zone_id": ZONE, "zone_name": "example.com", "name": name, "type": "A",
            "content": content, "proxiable": True, "proxied": True, "ttl": 1, "locked": False, "comment": "web",
            "tags": [], "meta": {"auto_added": False}, "created_on": "2026-05-06T06:00:00.000000Z",
            "modified_on": "2026-05-06T06:00:00.000000Z"}


def _info(page, per_page, count, total):
    return {"page": page, "per_page": per_page, "count": count, "total_count": total,
            "total_pages": -(-total // per_page)}


async def test_list_zones_filters_and_pages_with_an_offset_cursor(catalog, respx_mock):
    zones = [_zone(f"z{n}", f"site{n}.com") for n in range(50)]
    route = respx_mock.get(f"{API}/zones").mock(side_effect=[
        httpx.Response(200, json=_ok(zones, _info(1, 50, 50, 53))),
        httpx.Response(200, json=_ok([_zone("z50", "a.com"), _zone("z51", "b.com"), _zone("z52", "c.com")], _info(2, 50, 3, 53))),
    ])
    action = catalog.action("cloudflare_api_key-list-zones")
    first = await run_action(action, {"status": "active", "limit": 48}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/zones", params={"status": "active", "page": "1", "per_page": "50"})
    assert len(first.ret["zones"]) == 48 and first.ret["next_cursor"] == "48" and first.ret["total"] == 53
    assert first.ret["zones"][0] == {"id": "z0", "name": "site0.com", "status": "active", "paused": False, "type": "full",
                                     "name_servers": ["bob.ns.cloudflare.com", "lola.ns.cloudflare.com"],
                                     "plan": "Free Website", "account_id": ACCOUNT, "account_name": "Example Account",
                                     "modified_on": "2026-11-30T10:00:00.000000Z"}
    route.side_effect = [httpx.Response(200, json=_ok(zones, _info(1, 50, 50, 53))),
                         httpx.Response(200, json=_ok([_zone("z50", "a.com"), _zone("z51", "b.com"), _zone("z52", "c.com")],
                                                      _info(2, 50, 3, 53)))]
    second = await run_action(action, {"limit": 25, "cursor": "48"}, auth=AUTH)
    assert [z["id"] for z in second.ret["zones"]] == ["z48", "z49", "z50", "z51", "z52"]
    assert route.calls[-1].request.url.params["page"] == "2" and second.ret["next_cursor"] is None


async def test_get_zone_trims_and_full_response_returns_it_whole(catalog, respx_mock):
    route = respx_mock.get(f"{API}/zones/{ZONE}").mock(return_value=httpx.Response(200, json=_ok(_zone())))
    result = await run_action(catalog.action("cloudflare_api_key-get-zone"), {"zoneId": ZONE}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/zones/{ZONE}")
    assert result.ret["name"] == "example.com" and "permissions" not in result.ret
    assert result.summary == "Read the zone example.com (active)"
    whole = await run_action(catalog.action("cloudflare_api_key-get-zone"), {"zoneId": ZONE, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _ok(_zone())


async def test_list_dns_records_by_type_and_name(catalog, respx_mock):
    route = respx_mock.get(f"{API}/zones/{ZONE}/dns_records").mock(
        return_value=httpx.Response(200, json=_ok([_record()], _info(1, 100, 1, 1))))
    result = await run_action(catalog.action("cloudflare_api_key-list-dns-records"),
                              {"zoneId": ZONE, "type": "A", "name": "www.example.com"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/zones/{ZONE}/dns_records",
                   params={"type": "A", "name": "www.example.com", "page": "1", "per_page": "100"})
    assert result.ret == {"records": [{"id": RECORD, "type": "A", "name": "www.example.com", "content": "198.51.100.4",
                                       "ttl": 1, "proxied": True, "priority": None, "comment": "web",
                                       "modified_on": "2026-05-06T06:00:00.000000Z"}], "total": 1, "next_cursor": None}


async def test_create_update_and_delete_a_dns_record(catalog, respx_mock):
    created = respx_mock.post(f"{API}/zones/{ZONE}/dns_records").mock(return_value=httpx.Response(200, json=_ok(_record())))
    result = await run_action(catalog.action("cloudflare_api_key-create-dns-record"), {
        "zoneId": ZONE, "type": "A", "name": "www", "content": "198.51.100.4", "proxied": True, "comment": "web"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", f"/zones/{ZONE}/dns_records", body={
        "type": "A", "name": "www", "content": "198.51.100.4", "ttl": 1, "proxied": True, "comment": "web"})
    assert result.ret["id"] == RECORD and result.summary == "Created the A record www.example.com → 198.51.100.4"

    updated = respx_mock.patch(f"{API}/zones/{ZONE}/dns_records/{RECORD}").mock(
        return_value=httpx.Response(200, json=_ok(_record(content="203.0.113.7"))))
    result = await run_action(catalog.action("cloudflare_api_key-update-dns-record"),
                              {"zoneId": ZONE, "recordId": RECORD, "content": "203.0.113.7", "ttl": 300}, auth=AUTH)
    assert_request(updated.calls.last.request, "PATCH", f"/zones/{ZONE}/dns_records/{RECORD}",
                   body={"content": "203.0.113.7", "ttl": 300})
    assert result.ret["content"] == "203.0.113.7"

    deleted = respx_mock.delete(f"{API}/zones/{ZONE}/dns_records/{RECORD}").mock(
        return_value=httpx.Response(200, json=_ok({"id": RECORD})))
    result = await run_action(catalog.action("cloudflare_api_key-delete-dns-record"), {"zoneId": ZONE, "recordId": RECORD}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", f"/zones/{ZONE}/dns_records/{RECORD}")
    assert result.ret == {"id": RECORD, "deleted": True}


async def test_an_mx_record_needs_a_priority_and_an_update_needs_a_field(catalog, respx_mock):
    result = await run_action(catalog.action("cloudflare_api_key-create-dns-record"),
                              {"zoneId": ZONE, "type": "MX", "name": "@", "content": "mail.example.com"}, auth=AUTH)
    assert result.error == "an MX record needs a priority, e.g. 10"
    result = await run_action(catalog.action("cloudflare_api_key-update-dns-record"), {"zoneId": ZONE, "recordId": RECORD}, auth=AUTH)
    assert "give at least one field to change" in result.error
    assert not respx_mock.calls


async def test_a_conflicting_record_says_to_update_instead(catalog, respx_mock):
    respx_mock.post(f"{API}/zones/{ZONE}/dns_records").mock(return_value=httpx.Response(400, json={
        "success": False, "errors": [{"code": 81053, "message": "An A, AAAA, or CNAME record with that host already exists."}],
        "messages": [], "result": None}))
    result = await run_action(catalog.action("cloudflare_api_key-create-dns-record"),
                              {"zoneId": ZONE, "type": "CNAME", "name": "www", "content": "example.net"}, auth=AUTH)
    assert "81053: An A, AAAA, or CNAME record with that host already exists." in result.error
    assert "cloudflare_api_key-update-dns-record" in result.error


async def test_a_rate_limit_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/zones/{ZONE}").mock(return_value=httpx.Response(429, headers={"Retry-After": "30"}, json={
        "success": False, "errors": [{"code": 971, "message": "Please wait and consider throttling your request speed"}],
        "messages": [], "result": None}))
    result = await run_action(catalog.action("cloudflare_api_key-get-zone"), {"zoneId": ZONE}, auth=AUTH)
    assert "rate limited by Cloudflare; retry after 30 s" in result.error


async def test_purge_cache_by_urls_or_everything(catalog, respx_mock):
    route = respx_mock.post(f"{API}/zones/{ZONE}/purge_cache").mock(return_value=httpx.Response(200, json=_ok({"id": ZONE})))
    action = catalog.action("cloudflare_api_key-purge-cache")
    result = await run_action(action, {"zoneId": ZONE, "files": ["https://example.com/app.css"]}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/zones/{ZONE}/purge_cache", body={"files": ["https://example.com/app.css"]})
    assert result.ret == {"purge_id": ZONE} and result.summary == "Purged 1 files from the cache"
    await run_action(action, {"zoneId": ZONE, "purgeEverything": True}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"purge_everything": True}
    result = await run_action(action, {"zoneId": ZONE, "purgeEverything": True, "tags": ["css"]}, auth=AUTH)
    assert result.error == "give exactly one of purgeEverything, files, tags, hosts or prefixes"


async def test_list_workers_scripts(catalog, respx_mock):
    route = respx_mock.get(f"{API}/accounts/{ACCOUNT}/workers/scripts").mock(return_value=httpx.Response(200, json=_ok([
        {"id": "my-worker", "etag": "ea95132c15732412d22c1476fa83f27a", "handlers": ["fetch"],
         "created_on": "2026-05-06T06:00:00.000000Z", "modified_on": "2026-06-06T06:00:00.000000Z",
         "usage_model": "standard", "compatibility_date": "2026-01-01"}])))
    result = await run_action(catalog.action("cloudflare_api_key-list-workers-scripts"), {"accountId": ACCOUNT}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/accounts/{ACCOUNT}/workers/scripts")
    assert result.ret == [{"id": "my-worker", "created_on": "2026-05-06T06:00:00.000000Z",
                           "modified_on": "2026-06-06T06:00:00.000000Z", "usage_model": "standard",
                           "compatibility_date": "2026-01-01", "handlers": ["fetch"]}]


async def test_remote_options_for_zones_records_and_accounts(catalog, respx_mock):
    zones = respx_mock.get(f"{API}/zones").mock(side_effect=[
        httpx.Response(200, json=_ok([_zone()], _info(1, 1, 1, 2))),
        httpx.Response(200, json=_ok([_zone("z2", "example.org")], _info(2, 1, 1, 2))),
    ])
    action = catalog.action("cloudflare_api_key-update-dns-record")
    first = await fetch_options(action, "zoneId", {}, auth=AUTH)
    assert first["options"] == [{"label": "example.com", "value": ZONE}] and first["context"] == {"page": 2}
    second = await fetch_options(action, "zoneId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "example.org", "value": "z2"}] and second["context"] is None
    assert dict(zones.calls[1].request.url.params) == {"page": "2", "per_page": "50"}

    respx_mock.get(f"{API}/zones/{ZONE}/dns_records").mock(return_value=httpx.Response(200, json=_ok([_record()], _info(1, 100, 1, 1))))
    records = await fetch_options(action, "recordId", {"zoneId": ZONE}, auth=AUTH)
    assert records["options"] == [{"label": "A www.example.com → 198.51.100.4", "value": RECORD}]
    missing = await fetch_options(catalog.action("cloudflare_api_key-delete-dns-record"), "recordId", {}, auth=AUTH)
    assert "choose the zone (zoneId) first" in missing["errors"][0]

    respx_mock.get(f"{API}/accounts").mock(return_value=httpx.Response(200, json=_ok(
        [{"id": ACCOUNT, "name": "Example Account", "settings": {}}], _info(1, 50, 1, 1))))
    accounts = await fetch_options(catalog.action("cloudflare_api_key-list-workers-scripts"), "accountId", {}, auth=AUTH)
    assert accounts["options"] == [{"label": "Example Account", "value": ACCOUNT}]


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_the_account_test_verifies_the_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user/tokens/verify").mock(return_value=httpx.Response(200, json=_ok(
        {"id": "ed17574386854bf78a67040be0a770b0", "status": "active", "expires_on": "2027-01-01T00:00:00Z"})))
    identity = await _account_test(catalog.apps["cloudflare_api_key"], AUTH)
    assert identity == Identity(name=None, external_id="ed17574386854bf78a67040be0a770b0")
    assert_request(route.calls.last.request, "GET", "/user/tokens/verify")
