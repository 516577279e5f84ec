import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.typeform.com"
AUTH = {"oauth_access_token": "typeform-token-1"}
FORM_ID = "u6nXL7"


def _form_ref(form_id=FORM_ID, title="Customer feedback"):
    return {"id": form_id, "type": "quiz", "title": title, "last_updated_at": "2026-12-01T10:00:00.000Z",
            "created_at": "2026-11-01T10:00:00.000Z", "settings": {"is_public": True, "is_trial": False},
            "self": {"href": f"{API}/forms/{form_id}"}, "theme": {"href": f"{API}/themes/qHWOQ7"},
            "_links": {"display": f"https://mysite.typeform.com/to/{form_id}"}}


def _form():
    return {**_form_ref(), "workspace": {"href": f"{API}/workspaces/Aw33bz"}, "hidden": ["email"],
            "fields": [
                {"id": "Auxd6Itc4qgK", "ref": "readable_ref_short_text", "title": "What is your name?", "type": "short_text",
                 "validations": {"required": True}},
                {"id": "k6TP9oLGgHjl", "ref": "plan", "title": "Which plan?", "type": "multiple_choice",
                 "properties": {"randomize": False, "allow_multiple_selection": False,
                                "choices": [{"id": "c1", "ref": "free", "label": "Free"}, {"id": "c2", "ref": "pro", "label": "Pro"}]}},
            ]}


def _response(token="a3a12ec67a1365927098a606107fac15"):
    return {"landing_id": token, "token": token, "response_id": token,
            "landed_at": "2026-12-05T18:17:56Z", "submitted_at": "2026-12-05T18:18:02Z",
            "metadata": {"user_agent": "Mozilla/5.0", "platform": "other", "referer": "https://mysite.typeform.com/to/u6nXL7",
                         "network_id": "responsdent_network_id", "browser": "default"},
            "answers": [
                {"field": {"id": "Auxd6Itc4qgK", "type": "short_text", "ref": "readable_ref_short_text"},
                 "type": "text", "text": "Ada"},
                {"field": {"id": "k6TP9oLGgHjl", "type": "multiple_choice", "ref": "plan"},
                 "type": "choice", "choice": {"id": "c2", "label": "Pro", "ref": "pro"}},
            ],
            "hidden": {"email": "ada@example.com"}, "calculated": {"score": 2}, "variables": []}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer typeform-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_list_forms_pages_by_number_behind_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/forms").mock(side_effect=[
        httpx.Response(200, json={"total_items": 3, "page_count": 2, "items": [_form_ref(), _form_ref("X2", "Signup")]}),
        httpx.Response(200, json={"total_items": 3, "page_count": 2, "items": [_form_ref("X3", "NPS")]}),
    ])
    action = catalog.action("typeform-list-forms")
    first = await run_action(action, {"search": "feedback", "workspaceId": "Aw33bz", "sortBy": "created_at", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/forms", params={
        "search": "feedback", "workspace_id": "Aw33bz", "sort_by": "created_at", "page": "1", "page_size": "2"})
    assert first.ret["forms"][0] == {"id": FORM_ID, "title": "Customer feedback", "type": "quiz", "is_public": True,
                                     "created_at": "2026-11-01T10:00:00.000Z", "last_updated_at": "2026-12-01T10:00:00.000Z",
                                     "display_url": "https://mysite.typeform.com/to/u6nXL7"}
    assert first.ret["next_cursor"] == "2" and first.ret["total"] == 3
    second = await run_action(action, {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert dict(route.calls[1].request.url.params) == {"page": "2", "page_size": "2"}
    assert second.ret["next_cursor"] is None and [f["id"] for f in second.ret["forms"]] == ["X3"]


async def test_get_form_lists_its_fields_and_the_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/forms/{FORM_ID}").mock(return_value=httpx.Response(200, json=_form()))
    result = await run_action(catalog.action("typeform-get-form"), {"formId": FORM_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/forms/{FORM_ID}")
    assert result.ret["fields"] == [
        {"id": "Auxd6Itc4qgK", "ref": "readable_ref_short_text", "title": "What is your name?", "type": "short_text", "required": True},
        {"id": "k6TP9oLGgHjl", "ref": "plan", "title": "Which plan?", "type": "multiple_choice", "choices": ["Free", "Pro"]},
    ]
    assert result.ret["workspace"] == f"{API}/workspaces/Aw33bz" and result.summary == "Read the form 'Customer feedback' (2 fields)"
    whole = await run_action(catalog.action("typeform-get-form"), {"formId": FORM_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _form()


async def test_create_form_in_a_workspace(catalog, respx_mock):
    route = respx_mock.post(f"{API}/forms").mock(return_value=httpx.Response(201, json=_form()))
    fields = [{"title": "What is your name?", "type": "short_text"}]
    result = await run_action(catalog.action("typeform-create-form"), {
        "title": "Customer feedback", "fields": fields, "hidden": ["email"], "workspaceId": "Aw33bz"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/forms", body={
        "title": "Customer feedback", "fields": fields, "hidden": ["email"], "workspace": {"href": f"{API}/workspaces/Aw33bz"}})
    assert result.ret["id"] == FORM_ID
    bad = await run_action(catalog.action("typeform-create-form"), {"title": "x", "fields": [{"title": "No type"}]}, auth=AUTH)
    assert bad.error.startswith("field 1 needs a `title` and a `type`")


async def test_delete_form(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/forms/{FORM_ID}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("typeform-delete-form"), {"formId": FORM_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"/forms/{FORM_ID}")
    assert result.ret == {"form_id": FORM_ID, "deleted": True}


async def test_list_responses_filters_and_pages_by_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/forms/{FORM_ID}/responses").mock(side_effect=[
        httpx.Response(200, json={"total_items": 3, "page_count": 2, "items": [_response("t1"), _response("t2")]}),
        httpx.Response(200, json={"total_items": 1, "page_count": 1, "items": [_response("t3")]}),
    ])
    action = catalog.action("typeform-list-responses")
    first = await run_action(action, {"formId": FORM_ID, "since": "2026-12-01T00:00:00", "responseType": ["completed", "partial"],
                                      "query": "Ada", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", f"/forms/{FORM_ID}/responses", params={
        "page_size": "2", "since": "2026-12-01T00:00:00", "query": "Ada", "response_type": "completed,partial"})
    assert first.ret["responses"][0] == {
        "response_id": "t1", "landed_at": "2026-12-05T18:17:56Z", "submitted_at": "2026-12-05T18:18:02Z",
        "answers": [{"field_id": "Auxd6Itc4qgK", "field_ref": "readable_ref_short_text", "type": "text", "value": "Ada"},
                    {"field_id": "k6TP9oLGgHjl", "field_ref": "plan", "type": "choice", "value": "Pro"}],
        "hidden": {"email": "ada@example.com"}, "score": 2, "platform": "other"}
    assert first.ret["next_cursor"] == "t2"
    second = await run_action(action, {"formId": FORM_ID, "limit": 2, "cursor": "t2"}, auth=AUTH)
    assert dict(route.calls[1].request.url.params) == {"page_size": "2", "before": "t2"}
    assert second.ret["next_cursor"] is None


async def test_delete_responses_by_id(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/forms/{FORM_ID}/responses").mock(return_value=httpx.Response(200))
    result = await run_action(catalog.action("typeform-delete-responses"), {"formId": FORM_ID, "responseIds": ["t1", "t2"]}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"/forms/{FORM_ID}/responses", params={"included_response_ids": "t1,t2"})
    assert result.ret == {"form_id": FORM_ID, "deleted_response_ids": ["t1", "t2"]} and result.summary == "Deleted 2 responses"
    empty = await run_action(catalog.action("typeform-delete-responses"), {"formId": FORM_ID, "responseIds": [" "]}, auth=AUTH)
    assert empty.error == "give between 1 and 1000 response IDs"


async def test_list_workspaces(catalog, respx_mock):
    route = respx_mock.get(f"{API}/workspaces").mock(return_value=httpx.Response(200, json={"total_items": 1, "page_count": 1, "items": [
        {"id": "Aw33bz", "name": "My Workspace", "account_id": "ABCD1234", "default": True, "shared": False,
         "forms": {"count": 12, "href": f"{API}/workspaces/Aw33bz/forms"}, "self": {"href": f"{API}/workspaces/Aw33bz"}}]}))
    result = await run_action(catalog.action("typeform-list-workspaces"), {"search": "My"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/workspaces", params={"search": "My", "page": "1", "page_size": "25"})
    assert result.ret == {"workspaces": [{"id": "Aw33bz", "name": "My Workspace", "forms": 12, "shared": False, "default": True}],
                          "total": 1, "next_cursor": None}


async def test_get_form_insights(catalog, respx_mock):
    summary = {"average_time": 42, "completion_rate": 55.5, "responses_count": 111, "total_visits": 200, "unique_visits": 150}
    route = respx_mock.get(f"{API}/insights/{FORM_ID}/summary").mock(return_value=httpx.Response(200, json={
        "form": {"platforms": [{"platform": "desktop", **summary}], "summary": summary},
        "fields": [{"id": "Auxd6Itc4qgK", "ref": "readable_ref_short_text", "title": "What is your name?", "label": "1",
                    "type": "short_text", "views": 180, "dropoffs": 20}]}))
    result = await run_action(catalog.action("typeform-get-form-insights"), {"formId": FORM_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/insights/{FORM_ID}/summary")
    assert result.ret["summary"] == summary and result.ret["fields"][0]["dropoffs"] == 20
    assert result.summary == "111 responses from 200 visits, completion rate 55.5"


async def test_form_and_workspace_options_page(catalog, respx_mock):
    forms = respx_mock.get(f"{API}/forms").mock(side_effect=[
        httpx.Response(200, json={"total_items": 2, "page_count": 2, "items": [_form_ref()]}),
        httpx.Response(200, json={"total_items": 2, "page_count": 2, "items": [_form_ref("X2", "Signup")]}),
    ])
    action = catalog.action("typeform-list-responses")
    first = await fetch_options(action, "formId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Customer feedback", "value": FORM_ID}] and first["context"] == {"page": 2}
    second = await fetch_options(action, "formId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Signup", "value": "X2"}] and second["context"] is None
    assert dict(forms.calls[1].request.url.params) == {"page": "2", "page_size": "200"}

    respx_mock.get(f"{API}/workspaces").mock(return_value=httpx.Response(200, json={"total_items": 1, "page_count": 1, "items": [
        {"id": "Aw33bz", "name": "My Workspace"}]}))
    page = await fetch_options(catalog.action("typeform-create-form"), "workspaceId", {}, auth=AUTH)
    assert page["options"] == [{"label": "My Workspace", "value": "Aw33bz"}]


async def test_a_missing_form_and_a_rate_limit(catalog, respx_mock):
    respx_mock.get(f"{API}/forms/nope").mock(side_effect=[
        httpx.Response(404, json={"code": "FORM_NOT_FOUND", "description": "Non existing form with uid nope"}),
        httpx.Response(429, headers={"Retry-After": "1"}, json={"code": "RATE_LIMITED", "description": "Too many requests"}),
    ])
    action = catalog.action("typeform-get-form")
    missing = (await run_action(action, {"formId": "nope"}, auth=AUTH)).error
    assert "Non existing form with uid nope" in missing and "typeform-list-forms" in missing
    assert "rate limited by Typeform (2 requests a second); retry after 1 s" in (await run_action(action, {"formId": "nope"}, auth=AUTH)).error
