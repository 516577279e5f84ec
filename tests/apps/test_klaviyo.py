import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://a.klaviyo.com/api"
AUTH = {"api_key": "pk_test_0123456789"}
PROFILE_ID = "01GDDKASAP8TKDDA2GRZDSVP4H"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Klaviyo-API-Key pk_test_0123456789"
    assert request.headers["revision"] == "2026-07-15"
    if body is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/vnd.api+json"
        assert json.loads(request.content) == body


def _profile(profile_id=PROFILE_ID, email="sarah.mason@example.com"):
    return {"type": "profile", "id": profile_id, "attributes": {
        "email": email, "phone_number": "+15005550006", "external_id": None, "first_name": "Sarah",
        "last_name": "Mason", "organization": "Example Corp", "locale": None, "title": "Regional Manager",
        "image": None, "created": "2026-11-01T10:00:00+00:00", "updated": "2026-12-01T10:00:00+00:00",
        "last_event_date": None, "location": {"address1": "89 E 42nd St", "city": "New York", "country": "United States",
                                              "region": "NY", "zip": "10017", "timezone": "America/New_York"},
        "properties": {"plan": "pro"}}, "links": {"self": f"{API}/profiles/{profile_id}/"}}


def _page(data, next_cursor=None):
    following = f"{API}/profiles/?page%5Bcursor%5D={next_cursor}" if next_cursor else None
    return {"data": data, "links": {"self": f"{API}/profiles/", "next": following, "prev": None}}


async def test_get_profile_trims_and_full_response_returns_it_whole(catalog, respx_mock):
    route = respx_mock.get(f"{API}/profiles/{PROFILE_ID}").mock(
        return_value=httpx.Response(200, json={"data": _profile()}))
    result = await run_action(catalog.action("klaviyo-get-profile"), {"profileId": PROFILE_ID}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/profiles/{PROFILE_ID}")
    assert result.ret["email"] == "sarah.mason@example.com" and result.ret["city"] == "New York"
    assert "links" not in result.ret
    whole = await run_action(catalog.action("klaviyo-get-profile"), {"profileId": PROFILE_ID, "fullResponse": True},
                             auth=AUTH)
    assert whole.ret == _profile()


async def test_search_profiles_filters_by_email_and_pages(catalog, respx_mock):
    route = respx_mock.get(f"{API}/profiles").mock(side_effect=[
        httpx.Response(200, json=_page([_profile(), _profile("01B", "b@example.com")], "bmV4dA")),
        httpx.Response(200, json=_page([_profile("01C", "c@example.com")])),
    ])
    action = catalog.action("klaviyo-search-profiles")
    result = await run_action(action, {"email": "sarah.mason@example.com", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/profiles",
                   params={"filter": 'equals(email,"sarah.mason@example.com")', "page[size]": "2"})
    assert [p["id"] for p in result.ret["profiles"]] == [PROFILE_ID, "01B"]
    assert result.ret["next_cursor"] == "bmV4dA~0"
    following = await run_action(action, {"email": "sarah.mason@example.com", "limit": 2,
                                          "cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", "/profiles", params={
        "filter": 'equals(email,"sarah.mason@example.com")', "page[size]": "2", "page[cursor]": "bmV4dA"})
    assert following.ret["next_cursor"] is None and following.summary == "Found 1 profile"
    assert (await run_action(action, {}, auth=AUTH)).error.startswith("say whom to look for")


async def test_create_or_update_profile_imports(catalog, respx_mock):
    route = respx_mock.post(f"{API}/profile-import").mock(return_value=httpx.Response(201, json={"data": _profile()}))
    result = await run_action(catalog.action("klaviyo-create-or-update-profile"), {
        "email": "sarah.mason@example.com", "firstName": "Sarah", "city": "New York", "properties": {"plan": "pro"}},
        auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/profile-import", body={"data": {"type": "profile", "attributes": {
        "email": "sarah.mason@example.com", "first_name": "Sarah", "location": {"city": "New York"},
        "properties": {"plan": "pro"}}}})
    assert result.summary == "Saved the profile sarah.mason@example.com"
    nobody = await run_action(catalog.action("klaviyo-create-or-update-profile"), {"firstName": "x"}, auth=AUTH)
    assert nobody.error.startswith("say who this is")


async def test_list_lists_keeps_its_place_inside_a_page(catalog, respx_mock):
    lists = [{"type": "list", "id": f"L{i}", "attributes": {
        "name": f"List {i}", "created": "2026-01-01T00:00:00+00:00", "updated": "2026-01-01T00:00:00+00:00",
        "opt_in_process": "single_opt_in"}} for i in range(3)]
    route = respx_mock.get(f"{API}/lists").mock(return_value=httpx.Response(200, json=_page(lists)))
    action = catalog.action("klaviyo-list-lists")
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert_request(route.calls[0].request, "GET", "/lists")
    assert [r["id"] for r in first.ret["lists"]] == ["L0", "L1"] and first.ret["next_cursor"] == "~2"
    second = await run_action(action, {"limit": 2, "cursor": "~2"}, auth=AUTH)
    assert [r["id"] for r in second.ret["lists"]] == ["L2"] and second.ret["next_cursor"] is None
    named = await run_action(action, {"name": "Newsletter"}, auth=AUTH)
    assert_request(route.calls[2].request, "GET", "/lists", params={"filter": 'equals(name,"Newsletter")'})
    assert named.ret["lists"][0] == {"id": "L0", "name": "List 0", "opt_in_process": "single_opt_in",
                                     "created": "2026-01-01T00:00:00+00:00", "updated": "2026-01-01T00:00:00+00:00"}


async def test_add_profiles_to_list(catalog, respx_mock):
    route = respx_mock.post(f"{API}/lists/Y6nRLr/relationships/profiles").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("klaviyo-add-profiles-to-list"),
                              {"listId": "Y6nRLr", "profileIds": [PROFILE_ID, "01B"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/lists/Y6nRLr/relationships/profiles", body={
        "data": [{"type": "profile", "id": PROFILE_ID}, {"type": "profile", "id": "01B"}]})
    assert result.summary == "Added 2 profiles to the list Y6nRLr"


async def test_create_event(catalog, respx_mock):
    route = respx_mock.post(f"{API}/events").mock(return_value=httpx.Response(202))
    result = await run_action(catalog.action("klaviyo-create-event"), {
        "metricName": "Placed Order", "email": "sarah.mason@example.com", "properties": {"OrderId": "1042"},
        "value": "29.95", "time": "2026-12-01T09:00:00Z", "uniqueId": "1042"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/events", body={"data": {"type": "event", "attributes": {
        "properties": {"OrderId": "1042"},
        "metric": {"data": {"type": "metric", "attributes": {"name": "Placed Order"}}},
        "profile": {"data": {"type": "profile", "attributes": {"email": "sarah.mason@example.com"}}},
        "value": 29.95, "time": "2026-12-01T09:00:00Z", "unique_id": "1042"}}})
    assert result.summary == "Recorded the event 'Placed Order' for sarah.mason@example.com"
    bad = await run_action(catalog.action("klaviyo-create-event"),
                           {"metricName": "x", "email": "a@example.com", "value": "lots"}, auth=AUTH)
    assert "is not a number" in bad.error


async def test_list_events_filters(catalog, respx_mock):
    event = {"type": "event", "id": "4vRpBT", "attributes": {
        "timestamp": 1764579600, "event_properties": {"OrderId": "1042"}, "datetime": "2026-12-01T09:00:00+00:00",
        "uuid": "a6f7c1e0-ce7f-11f0-8000-6b0bd4d3a3d3"},
        "relationships": {"profile": {"data": {"type": "profile", "id": PROFILE_ID}},
                          "metric": {"data": {"type": "metric", "id": "Y6nRLr"}}}}
    route = respx_mock.get(f"{API}/events").mock(return_value=httpx.Response(200, json=_page([event])))
    result = await run_action(catalog.action("klaviyo-list-events"),
                              {"metricId": "Y6nRLr", "since": "2026-12-01T00:00:00Z"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/events", params={
        "sort": "-datetime", "filter": 'equals(metric_id,"Y6nRLr"),greater-or-equal(datetime,2026-12-01T00:00:00Z)',
        "page[size]": "25"})
    assert result.ret["events"] == [{"id": "4vRpBT", "datetime": "2026-12-01T09:00:00+00:00", "metric_id": "Y6nRLr",
                                     "profile_id": PROFILE_ID, "properties": {"OrderId": "1042"},
                                     "uuid": "a6f7c1e0-ce7f-11f0-8000-6b0bd4d3a3d3"}]


async def test_list_campaigns_names_the_channel(catalog, respx_mock):
    campaign = {"type": "campaign", "id": "01HXYZ", "attributes": {
        "name": "Black Friday", "status": "Sent", "archived": False,
        "audiences": {"included": ["Y6nRLr"], "excluded": []}, "send_time": "2026-11-27T09:00:00+00:00",
        "created_at": "2026-11-20T09:00:00+00:00", "scheduled_at": "2026-11-26T09:00:00+00:00",
        "updated_at": "2026-11-27T09:00:00+00:00"}}
    route = respx_mock.get(f"{API}/campaigns").mock(return_value=httpx.Response(200, json=_page([campaign])))
    result = await run_action(catalog.action("klaviyo-list-campaigns"), {"nameContains": "Friday"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/campaigns", params={
        "filter": 'equals(messages.channel,"email"),contains(name,"Friday")', "sort": "-created_at", "page[size]": "25"})
    assert result.ret["campaigns"][0]["included_lists"] == ["Y6nRLr"] and result.ret["campaigns"][0]["status"] == "Sent"


async def test_list_and_metric_options(catalog, respx_mock):
    lists = respx_mock.get(f"{API}/lists").mock(side_effect=[
        httpx.Response(200, json=_page([{"type": "list", "id": "Y6nRLr", "attributes": {"name": "Newsletter"}}], "p2")),
        httpx.Response(200, json=_page([{"type": "list", "id": "Z1", "attributes": {"name": "VIP"}}])),
    ])
    action = catalog.action("klaviyo-add-profiles-to-list")
    first = await fetch_options(action, "listId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Newsletter", "value": "Y6nRLr"}] and first["context"] == {"cursor": "p2"}
    second = await fetch_options(action, "listId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "VIP", "value": "Z1"}] and second["context"] is None
    assert_request(lists.calls[1].request, "GET", "/lists", params={"page[cursor]": "p2"})

    metrics = respx_mock.get(f"{API}/metrics").mock(return_value=httpx.Response(200, json=_page([
        {"type": "metric", "id": "Y6nRLr", "attributes": {"name": "Placed Order", "integration": {"name": "API"}}}])))
    found = await fetch_options(catalog.action("klaviyo-list-events"), "metricId", {}, auth=AUTH)
    assert found["options"] == [{"label": "Placed Order", "value": "Y6nRLr"}]
    assert_request(metrics.calls.last.request, "GET", "/metrics")


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/profiles/{PROFILE_ID}").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "3"}, json={"errors": [{
            "id": "e1", "status": 429, "code": "throttled", "title": "Request was throttled.",
            "detail": "Request was throttled. Expected available in 3 seconds.", "source": {"pointer": "/data/"}}]}),
        httpx.Response(403, json={"errors": [{"id": "e2", "status": 403, "code": "permission_denied",
                                              "title": "You do not have permission to perform this action.",
                                              "detail": "You do not have permission to perform this action.",
                                              "source": {"pointer": "/data/"}}]}),
    ])
    action = catalog.action("klaviyo-get-profile")
    limited = (await run_action(action, {"profileId": PROFILE_ID}, auth=AUTH)).error
    assert "rate limited by Klaviyo; retry after 3 s" in limited
    denied = (await run_action(action, {"profileId": PROFILE_ID}, auth=AUTH)).error
    assert "lacks the scope" in denied
