import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

HOST = "https://www.zohoapis.eu"
API = f"{HOST}/crm/v6"
AUTH = {"oauth_access_token": "1000.zoho-access-token", "api_domain": HOST}
LEAD_ID = "4876876000000624001"
LEAD_FIELDS = "First_Name,Last_Name,Company,Email,Phone,Lead_Status,Lead_Source,Owner,Created_Time,Modified_Time"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Zoho-oauthtoken 1000.zoho-access-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _lead(lead_id=LEAD_ID, last_name="Burns"):
    return {"Owner": {"name": "Patricia Boyle", "id": "4876876000000225013", "email": "p.boyle@zylker.com"},
            "Company": "Acme", "Email": "burns@acme.com", "$currency_symbol": "$", "$field_states": None,
            "Last_Name": last_name, "First_Name": "Christopher", "Full_Name": f"Christopher {last_name}",
            "Lead_Status": "Not Contacted", "Phone": None, "$approval": {"delegate": False, "approve": False},
            "Created_Time": "2026-12-01T09:00:00+01:00", "Modified_Time": "2026-12-01T09:00:00+01:00",
            "$editable": True, "Tag": [], "id": lead_id}


def _write(code="SUCCESS", message="record added", lead_id=LEAD_ID):
    return {"data": [{"code": code, "details": {
        "Modified_Time": "2026-12-01T09:00:00+01:00", "Modified_By": {"name": "Patricia Boyle", "id": "4876876000000225013"},
        "Created_Time": "2026-12-01T09:00:00+01:00", "id": lead_id,
        "Created_By": {"name": "Patricia Boyle", "id": "4876876000000225013"}}, "message": message, "status": "success"}]}


async def test_list_records_follows_page_tokens(catalog, respx_mock):
    route = respx_mock.get(f"{API}/Leads").mock(side_effect=[
        httpx.Response(200, json={"data": [_lead(), _lead("2", "Wong")], "info": {
            "per_page": 2, "next_page_token": "c8582xx9e7c", "count": 2, "sort_by": "Created_Time", "page": 1,
            "previous_page_token": None, "page_token_expiry": "2026-12-02T09:00:00+01:00", "sort_order": "desc",
            "more_records": True}}),
        httpx.Response(200, json={"data": [_lead("3", "Ito")], "info": {
            "per_page": 1, "next_page_token": "d9", "count": 1, "page": 2, "more_records": True}}),
    ])
    result = await run_action(catalog.action("zoho_crm-list-records"), {"module": "Leads", "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    base = {"fields": LEAD_FIELDS, "sort_by": "Created_Time", "sort_order": "desc"}
    assert_request(route.calls[0].request, "GET", "/Leads", params={**base, "per_page": "3"})
    assert_request(route.calls[1].request, "GET", "/Leads", params={**base, "per_page": "1", "page_token": "c8582xx9e7c"})
    assert result.ret["next_cursor"] == "d9"
    assert result.ret["records"][0] == {
        "Owner": {"name": "Patricia Boyle", "id": "4876876000000225013", "email": "p.boyle@zylker.com"},
        "Company": "Acme", "Email": "burns@acme.com", "Last_Name": "Burns", "First_Name": "Christopher",
        "Full_Name": "Christopher Burns", "Lead_Status": "Not Contacted", "Created_Time": "2026-12-01T09:00:00+01:00",
        "Modified_Time": "2026-12-01T09:00:00+01:00", "id": LEAD_ID}
    assert result.summary == "Listed 3 Leads records"


async def test_list_records_empty_module_answers_204(catalog, respx_mock):
    route = respx_mock.get(f"{API}/Deals").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("zoho_crm-list-records"),
                              {"module": "Deals", "fields": ["Deal_Name", "Stage"], "sortBy": "Modified_Time"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/Deals", params={
        "fields": "Deal_Name,Stage", "sort_by": "Modified_Time", "sort_order": "desc", "per_page": "25"})
    assert result.ret == {"records": [], "next_cursor": None}


async def test_search_records_by_criteria_pages_by_number(catalog, respx_mock):
    route = respx_mock.get(f"{API}/Leads/search").mock(return_value=httpx.Response(200, json={
        "data": [_lead()], "info": {"per_page": 1, "count": 1, "page": 2, "more_records": True}}))
    action = catalog.action("zoho_crm-search-records")
    result = await run_action(action, {"module": "Leads", "criteria": "(Last_Name:equals:Burns)", "limit": 5,
                                       "cursor": "2:1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/Leads/search",
                   params={"criteria": "(Last_Name:equals:Burns)", "page": "2", "per_page": "1"})
    assert result.ret["next_cursor"] == "3:1" and result.ret["records"][0]["id"] == LEAD_ID
    both = await run_action(action, {"module": "Leads", "email": "a@b.c", "word": "x"}, auth=AUTH)
    assert both.error == "give exactly one of criteria, email, phone or word"


async def test_get_record_trims_and_full_response_returns_it_whole(catalog, respx_mock):
    route = respx_mock.get(f"{API}/Leads/{LEAD_ID}").mock(return_value=httpx.Response(200, json={"data": [_lead()]}))
    action = catalog.action("zoho_crm-get-record")
    result = await run_action(action, {"module": "Leads", "recordId": LEAD_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/Leads/{LEAD_ID}")
    assert "$approval" not in result.ret and "Phone" not in result.ret and result.ret["Email"] == "burns@acme.com"
    whole = await run_action(action, {"module": "Leads", "recordId": LEAD_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _lead()


async def test_create_update_and_delete_a_record(catalog, respx_mock):
    created = respx_mock.post(f"{API}/Leads").mock(return_value=httpx.Response(201, json=_write()))
    result = await run_action(catalog.action("zoho_crm-create-record"), {
        "module": "Leads", "data": {"Last_Name": "Burns", "Company": "Acme"}, "runWorkflows": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", "/Leads",
                   body={"data": [{"Last_Name": "Burns", "Company": "Acme"}], "trigger": []})
    assert result.ret == {"id": LEAD_ID, "status": "success", "code": "SUCCESS", "message": "record added",
                          "created_time": "2026-12-01T09:00:00+01:00", "modified_time": "2026-12-01T09:00:00+01:00"}
    assert result.summary == f"Created the Leads record {LEAD_ID}"

    updated = respx_mock.put(f"{API}/Leads/{LEAD_ID}").mock(
        return_value=httpx.Response(200, json=_write(message="record updated")))
    result = await run_action(catalog.action("zoho_crm-update-record"),
                              {"module": "Leads", "recordId": LEAD_ID, "data": {"Lead_Status": "Contacted"}}, auth=AUTH)
    assert_request(updated.calls.last.request, "PUT", f"/Leads/{LEAD_ID}", body={"data": [{"Lead_Status": "Contacted"}]})
    assert result.ret["message"] == "record updated"

    deleted = respx_mock.delete(f"{API}/Leads/{LEAD_ID}").mock(return_value=httpx.Response(200, json={"data": [
        {"code": "SUCCESS", "details": {"id": LEAD_ID}, "message": "record deleted", "status": "success"}]}))
    result = await run_action(catalog.action("zoho_crm-delete-record"), {"module": "Leads", "recordId": LEAD_ID}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", f"/Leads/{LEAD_ID}")
    assert result.ret["id"] == LEAD_ID and result.summary == f"Deleted the Leads record {LEAD_ID}"


async def test_a_refused_record_names_the_field(catalog, respx_mock):
    respx_mock.post(f"{API}/Leads").mock(return_value=httpx.Response(400, json={"data": [{
        "code": "MANDATORY_NOT_FOUND", "details": {"api_name": "Last_Name", "json_path": "$.data[0].Last_Name"},
        "message": "required field not found", "status": "error"}]}))
    result = await run_action(catalog.action("zoho_crm-create-record"),
                              {"module": "Leads", "data": {"Company": "Acme"}}, auth=AUTH)
    assert "required field not found (Last_Name)" in result.error and "add the field named" in result.error


async def test_create_note_on_a_record(catalog, respx_mock):
    route = respx_mock.post(f"{API}/Notes").mock(
        return_value=httpx.Response(201, json=_write(message="record added", lead_id="4876876000000630001")))
    result = await run_action(catalog.action("zoho_crm-create-note"), {
        "module": "Leads", "recordId": LEAD_ID, "title": "Call", "content": "Wants a demo"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/Notes", body={"data": [{
        "Note_Content": "Wants a demo", "Parent_Id": {"module": {"api_name": "Leads"}, "id": LEAD_ID},
        "Note_Title": "Call"}]})
    assert result.summary == f"Added note 4876876000000630001 to the Leads record {LEAD_ID}"


_MODULES = {"modules": [
    {"api_name": "Leads", "module_name": "Leads", "singular_label": "Lead", "plural_label": "Leads",
     "id": "4876876000000002175", "api_supported": True, "creatable": True, "editable": True, "deletable": True,
     "viewable": True, "generated_type": "default"},
    {"api_name": "Home", "module_name": "Home", "singular_label": "Home", "plural_label": "Home",
     "id": "4876876000000002173", "api_supported": False, "creatable": False, "editable": False, "deletable": False,
     "viewable": True, "generated_type": "default"}]}


async def test_list_modules_and_module_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/settings/modules").mock(return_value=httpx.Response(200, json=_MODULES))
    result = await run_action(catalog.action("zoho_crm-list-modules"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/settings/modules")
    assert result.ret == [{"api_name": "Leads", "singular_label": "Lead", "plural_label": "Leads",
                           "id": "4876876000000002175", "creatable": True, "editable": True, "deletable": True,
                           "viewable": True, "generated_type": "default"}]
    options = await fetch_options(catalog.action("zoho_crm-get-record"), "module", {}, auth=AUTH)
    assert options["options"] == [{"label": "Leads", "value": "Leads"}]


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/Leeds/{LEAD_ID}").mock(side_effect=[
        httpx.Response(400, json={"code": "INVALID_MODULE", "details": {"resource_path_index": 0},
                                  "message": "the module name given seems to be invalid", "status": "error"}),
        httpx.Response(429, headers={"Retry-After": "30"}, json={
            "code": "TOO_MANY_REQUESTS", "details": {}, "message": "Too many requests", "status": "error"}),
    ])
    action = catalog.action("zoho_crm-get-record")
    wrong = (await run_action(action, {"module": "Leeds", "recordId": LEAD_ID}, auth=AUTH)).error
    assert "zoho_crm-list-modules" in wrong
    limited = (await run_action(action, {"module": "Leeds", "recordId": LEAD_ID}, auth=AUTH)).error
    assert "rate limited by Zoho CRM; retry after 30 s" in limited


async def test_a_domain_outside_zoho_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("zoho_crm-list-modules"), {},
                              auth={**AUTH, "api_domain": "https://zohoapis.example.com"})
    assert "reconnect Zoho CRM" in result.error
    assert not respx_mock.calls


async def test_account_test_names_the_user(catalog, respx_mock):
    app = catalog.app("zoho_crm")
    route = respx_mock.get(f"{API}/users").mock(return_value=httpx.Response(200, json={"users": [
        {"id": "4876876000000225013", "full_name": "Patricia Boyle", "email": "p.boyle@zylker.com"}]}))
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http))
    assert_request(route.calls.last.request, "GET", "/users", params={"type": "CurrentUser"})
    assert identity.name == "p.boyle@zylker.com" and identity.external_id == "4876876000000225013"
