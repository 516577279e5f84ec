import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

HOST = "https://acme.pipedrive.com"
API = f"{HOST}/api"
AUTH = {"oauth_access_token": "v1u:AQIBAHj-pd-token", "api_domain": HOST}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer v1u:AQIBAHj-pd-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _ok(data, next_cursor=None):
    return {"success": True, "data": data, "additional_data": {"next_cursor": next_cursor}}


def _deal(deal_id=42, title="Acme, 50 licences", **extra):
    return {"id": deal_id, "title": title, "creator_user_id": 7, "owner_id": 7, "value": 5000, "currency": "EUR",
            "person_id": 11, "org_id": 21, "stage_id": 2, "pipeline_id": 1, "status": "open", "probability": None,
            "lost_reason": None, "visible_to": 3, "add_time": "2026-12-01T09:00:00Z", "update_time": "2026-12-02T10:00:00Z",
            "stage_change_time": None, "close_time": None, "won_time": None, "lost_time": None,
            "expected_close_date": "2026-12-31", "label_ids": [], "is_deleted": False, "custom_fields": {}, **extra}


def _deal_hit(deal_id=42, title="Acme, 50 licences"):
    return {"result_score": 1.22, "item": {
        "id": deal_id, "type": "deal", "title": title, "value": 5000, "currency": "EUR", "status": "open",
        "visible_to": 3, "owner": {"id": 7}, "stage": {"id": 2, "name": "Qualified"},
        "person": {"id": 11, "name": "Ada Lovelace"}, "organization": {"id": 21, "name": "Acme", "address": None},
        "custom_fields": [], "notes": []}}


async def test_search_deals_follows_cursors_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/deals/search").mock(side_effect=[
        httpx.Response(200, json=_ok({"items": [_deal_hit(), _deal_hit(43, "Acme, renewal")]}, "c2")),
        httpx.Response(200, json=_ok({"items": [_deal_hit(44, "Acme, support")]}, "c3")),
    ])
    result = await run_action(catalog.action("pipedrive-search-deals"),
                              {"term": "Acme", "status": "open", "personId": 11, "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/v2/deals/search",
                   params={"term": "Acme", "person_id": "11", "status": "open", "limit": "3"})
    assert_request(route.calls[1].request, "GET", "/v2/deals/search",
                   params={"term": "Acme", "person_id": "11", "status": "open", "limit": "1", "cursor": "c2"})
    assert result.ret["next_cursor"] == "c3"
    assert result.ret["deals"][0] == {"id": 42, "title": "Acme, 50 licences", "value": 5000, "currency": "EUR",
                                      "status": "open", "stage": {"id": 2, "name": "Qualified"},
                                      "person": {"id": 11, "name": "Ada Lovelace"},
                                      "organization": {"id": 21, "name": "Acme"}, "owner_id": 7}
    assert result.summary == "Found 3 deals matching 'Acme'"


async def test_search_deals_needs_two_characters(catalog, respx_mock):
    result = await run_action(catalog.action("pipedrive-search-deals"), {"term": "A"}, auth=AUTH)
    assert result.error == "the search term needs at least 2 characters (1 with exactMatch)"
    assert not respx_mock.calls


async def test_get_deal_trims_and_full_response_returns_it_whole(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/deals/42").mock(return_value=httpx.Response(200, json=_ok(_deal())))
    result = await run_action(catalog.action("pipedrive-get-deal"), {"dealId": 42}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/v2/deals/42")
    assert result.ret["stage_id"] == 2 and "custom_fields" not in result.ret
    whole = await run_action(catalog.action("pipedrive-get-deal"), {"dealId": 42, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _deal()


async def test_create_update_and_delete_a_deal(catalog, respx_mock):
    created = respx_mock.post(f"{API}/v2/deals").mock(return_value=httpx.Response(200, json=_ok(_deal())))
    result = await run_action(catalog.action("pipedrive-create-deal"), {
        "title": "Acme, 50 licences", "value": "5000", "currency": "EUR", "personId": 11, "orgId": 21,
        "pipelineId": 1, "stageId": 2, "expectedCloseDate": "2026-12-31", "visibleTo": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", "/v2/deals", body={
        "title": "Acme, 50 licences", "value": 5000.0, "currency": "EUR", "person_id": 11, "org_id": 21,
        "pipeline_id": 1, "stage_id": 2, "expected_close_date": "2026-12-31", "visible_to": 3})
    assert result.summary == "Created the deal 'Acme, 50 licences' (#42)"

    updated = respx_mock.patch(f"{API}/v2/deals/42").mock(
        return_value=httpx.Response(200, json=_ok(_deal(status="lost", lost_reason="Budget"))))
    result = await run_action(catalog.action("pipedrive-update-deal"),
                              {"dealId": 42, "status": "lost", "lostReason": "Budget"}, auth=AUTH)
    assert_request(updated.calls.last.request, "PATCH", "/v2/deals/42", body={"status": "lost", "lost_reason": "Budget"})
    assert result.ret["status"] == "lost"

    deleted = respx_mock.delete(f"{API}/v2/deals/42").mock(return_value=httpx.Response(200, json=_ok({"id": 42})))
    result = await run_action(catalog.action("pipedrive-delete-deal"), {"dealId": 42}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", "/v2/deals/42")
    assert result.ret == {"id": 42, "deleted": True}


async def test_update_deal_needs_a_change_and_a_number(catalog, respx_mock):
    action = catalog.action("pipedrive-update-deal")
    assert (await run_action(action, {"dealId": 42}, auth=AUTH)).error.startswith("nothing to change")
    assert "is not a number" in (await run_action(action, {"dealId": 42, "value": "lots"}, auth=AUTH)).error
    assert not respx_mock.calls


async def test_search_persons_and_create_person(catalog, respx_mock):
    searched = respx_mock.get(f"{API}/v2/persons/search").mock(return_value=httpx.Response(200, json=_ok({"items": [
        {"result_score": 0.9, "item": {"id": 11, "type": "person", "name": "Ada Lovelace", "phones": [],
                                       "emails": ["ada@example.com"], "visible_to": 3, "owner": {"id": 7},
                                       "organization": {"id": 21, "name": "Acme", "address": None},
                                       "custom_fields": [], "notes": []}}]})))
    result = await run_action(catalog.action("pipedrive-search-persons"),
                              {"term": "ada@example.com", "fields": ["email"], "exactMatch": True}, auth=AUTH)
    assert_request(searched.calls.last.request, "GET", "/v2/persons/search",
                   params={"term": "ada@example.com", "fields": "email", "exact_match": "true", "limit": "25"})
    assert result.ret == {"persons": [{"id": 11, "name": "Ada Lovelace", "emails": ["ada@example.com"], "phones": [],
                                       "organization": {"id": 21, "name": "Acme"}, "owner_id": 7}], "next_cursor": None}

    person = {"id": 11, "name": "Ada Lovelace", "first_name": "Ada", "last_name": "Lovelace", "owner_id": 7,
              "org_id": 21, "add_time": "2026-12-01T09:00:00Z", "update_time": "2026-12-01T09:00:00Z",
              "emails": [{"value": "ada@example.com", "primary": True, "label": "work"}],
              "phones": [{"value": "+44 20 7946 0000", "primary": True, "label": "work"}], "is_deleted": False,
              "visible_to": 3, "label_ids": [], "picture_id": None}
    created = respx_mock.post(f"{API}/v2/persons").mock(return_value=httpx.Response(200, json=_ok(person)))
    result = await run_action(catalog.action("pipedrive-create-person"), {
        "name": "Ada Lovelace", "emails": ["ada@example.com", "ada@home.example"], "phones": ["+44 20 7946 0000"],
        "orgId": 21}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", "/v2/persons", body={
        "name": "Ada Lovelace", "org_id": 21,
        "emails": [{"value": "ada@example.com", "primary": True}, {"value": "ada@home.example", "primary": False}],
        "phones": [{"value": "+44 20 7946 0000", "primary": True}]})
    assert result.ret["email"] == "ada@example.com" and result.ret["phone"] == "+44 20 7946 0000"


async def test_search_and_create_organizations(catalog, respx_mock):
    searched = respx_mock.get(f"{API}/v2/organizations/search").mock(return_value=httpx.Response(200, json=_ok({"items": [
        {"result_score": 0.5, "item": {"id": 21, "type": "organization", "name": "Acme", "address": "1 Main St",
                                       "visible_to": 3, "owner": {"id": 7}, "custom_fields": [], "notes": []}}]})))
    result = await run_action(catalog.action("pipedrive-search-organizations"), {"term": "Acme", "limit": 10}, auth=AUTH)
    assert_request(searched.calls.last.request, "GET", "/v2/organizations/search", params={"term": "Acme", "limit": "10"})
    assert result.ret["organizations"] == [{"id": 21, "name": "Acme", "address": "1 Main St", "owner_id": 7}]

    created = respx_mock.post(f"{API}/v2/organizations").mock(return_value=httpx.Response(200, json=_ok({
        "id": 22, "name": "Globex", "owner_id": 7, "add_time": "2026-12-01T09:00:00Z",
        "update_time": "2026-12-01T09:00:00Z", "is_deleted": False, "visible_to": 7, "label_ids": [], "address": None})))
    result = await run_action(catalog.action("pipedrive-create-organization"), {"name": "Globex", "visibleTo": 7}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", "/v2/organizations", body={"name": "Globex", "visible_to": 7})
    assert result.summary == "Added the organization 'Globex' (#22)"


def _activity(activity_id=5, **extra):
    return {"id": activity_id, "subject": "Demo call with Ada", "type": "call", "owner_id": 7, "is_deleted": False,
            "add_time": "2026-12-01T09:00:00Z", "update_time": "2026-12-01T09:00:00Z", "deal_id": 42, "lead_id": None,
            "person_id": 11, "org_id": None, "due_date": "2026-12-10", "due_time": "14:30", "duration": "00:30",
            "busy": True, "done": False, "participants": [{"person_id": 11, "primary": True}], "note": None, **extra}


async def test_create_activity_links_the_person_as_participant(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v2/activities").mock(return_value=httpx.Response(200, json=_ok(_activity())))
    result = await run_action(catalog.action("pipedrive-create-activity"), {
        "subject": "Demo call with Ada", "type": "call", "dueDate": "2026-12-10", "dueTime": "14:30",
        "duration": "00:30", "dealId": 42, "personId": 11, "done": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/v2/activities", body={
        "subject": "Demo call with Ada", "type": "call", "due_date": "2026-12-10", "due_time": "14:30",
        "duration": "00:30", "deal_id": 42, "participants": [{"person_id": 11, "primary": True}], "done": False})
    assert result.ret["due_time"] == "14:30"
    bad = await run_action(catalog.action("pipedrive-create-activity"), {"subject": "x", "dueTime": "2pm"}, auth=AUTH)
    assert bad.error == "dueTime '2pm' must be `HH:MM`, e.g. `09:30`"


async def test_list_activities_filters(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/activities").mock(return_value=httpx.Response(200, json=_ok([_activity()])))
    result = await run_action(catalog.action("pipedrive-list-activities"),
                              {"dealId": 42, "sortBy": "due_date", "sortDirection": "desc"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/v2/activities",
                   params={"deal_id": "42", "sort_by": "due_date", "sort_direction": "desc", "limit": "25"})
    assert result.ret["activities"][0]["subject"] == "Demo call with Ada" and result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 activity"


async def test_create_note_on_a_deal(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v1/notes").mock(return_value=httpx.Response(200, json={"success": True, "data": {
        "id": 9, "user_id": 7, "deal_id": 42, "person_id": None, "org_id": None, "lead_id": None,
        "content": "Wants a discount", "add_time": "2026-12-01 09:00:00", "update_time": "2026-12-01 09:00:00",
        "active_flag": True, "pinned_to_deal_flag": False}}))
    result = await run_action(catalog.action("pipedrive-create-note"), {"content": "Wants a discount", "dealId": 42}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/v1/notes", body={"content": "Wants a discount", "deal_id": 42})
    assert result.ret["content"] == "Wants a discount" and result.summary == "Added note #9 to Pipedrive"
    unattached = await run_action(catalog.action("pipedrive-create-note"), {"content": "x"}, auth=AUTH)
    assert unattached.error == "say what the note is on: give a dealId, personId or orgId"


async def test_pipeline_and_stage_options(catalog, respx_mock):
    pipelines = respx_mock.get(f"{API}/v2/pipelines").mock(side_effect=[
        httpx.Response(200, json=_ok([{"id": 1, "name": "Sales", "order_nr": 1, "is_deleted": False}], "p2")),
        httpx.Response(200, json=_ok([{"id": 2, "name": "Partners", "order_nr": 2, "is_deleted": False}])),
    ])
    action = catalog.action("pipedrive-create-deal")
    first = await fetch_options(action, "pipelineId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Sales", "value": 1}] and first["context"] == {"cursor": "p2"}
    second = await fetch_options(action, "pipelineId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Partners", "value": 2}] and second["context"] is None
    assert_request(pipelines.calls[1].request, "GET", "/v2/pipelines", params={"limit": "100", "cursor": "p2"})

    stages = respx_mock.get(f"{API}/v2/stages").mock(return_value=httpx.Response(200, json=_ok([
        {"id": 2, "order_nr": 1, "name": "Qualified", "is_deleted": False, "deal_probability": 100, "pipeline_id": 1}])))
    found = await fetch_options(action, "stageId", {"pipelineId": 1}, auth=AUTH)
    assert found["options"] == [{"label": "Qualified", "value": 2}]
    assert_request(stages.calls.last.request, "GET", "/v2/stages", params={"limit": "100", "pipeline_id": "1"})


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/v2/deals/7").mock(side_effect=[
        httpx.Response(404, json={"success": False, "error": "Deal not found",
                                  "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.",
                                  "data": None, "additional_data": None}),
        httpx.Response(429, headers={"x-ratelimit-limit": "80", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2"},
                       json={"success": False, "error": "Request over limit", "errorCode": 429}),
    ])
    action = catalog.action("pipedrive-get-deal")
    missing = (await run_action(action, {"dealId": 7}, auth=AUTH)).error
    assert "Deal not found" in missing and "pipedrive-search-deals" in missing
    limited = (await run_action(action, {"dealId": 7}, auth=AUTH)).error
    assert "rate limited by Pipedrive; retry after 2 s" in limited


async def test_a_token_for_another_host_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("pipedrive-get-deal"), {"dealId": 42},
                              auth={**AUTH, "api_domain": "https://pipedrive.example.com"})
    assert "reconnect Pipedrive" in result.error
    assert not respx_mock.calls


async def test_account_test_names_the_user_and_company(catalog, respx_mock):
    app = catalog.app("pipedrive")
    respx_mock.get(f"{API}/v1/users/me").mock(return_value=httpx.Response(200, json={"success": True, "data": {
        "id": 7, "name": "Ada Lovelace", "email": "ada@acme.com", "company_id": 100, "company_domain": "acme"}}))
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http))
    assert identity.name == "ada@acme.com @ acme.pipedrive.com" and identity.external_id == "7"
