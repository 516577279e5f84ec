import base64
import datetime
import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.bamboohr.com/api/gateway.php/acme/v1"
AUTH = {"api_key": "bhr-key-1", "companyDomain": "acme"}
BASIC = "Basic " + base64.b64encode(b"bhr-key-1:x").decode()


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == BASIC
    assert request.headers["accept"] == "application/json"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _employee(employee_id="123", first="Charlotte", last="Abbott", title="Sr. HR Administrator"):
    return {"id": employee_id, "displayName": f"{first} {last}", "firstName": first, "lastName": last,
            "preferredName": None, "jobTitle": title, "workPhone": "801-724-6600", "mobilePhone": "801-724-6603",
            "workEmail": f"{first.lower()}@efficientoffice.com", "department": "Human Resources", "location": "Lindon, Utah",
            "division": "North America", "linkedIn": None, "pronouns": None, "workPhoneExtension": "1272",
            "supervisor": "Jennifer Caldwell", "photoUploaded": True,
            "photoUrl": "https://images.bamboohr.com/acme/photos/123-0-4.jpg"}


def _directory(*employees):
    return {"fields": [{"id": "displayName", "type": "text", "name": "Display name"},
                       {"id": "jobTitle", "type": "list", "name": "Job title"}],
            "employees": list(employees)}


def _request(request_id="1342", status="requested"):
    return {"id": request_id, "employeeId": "123", "status": {"lastChanged": "2026-12-01", "lastChangedByUserId": "2369",
                                                            "status": status},
            "name": "Charlotte Abbott", "start": "2026-12-22", "end": "2026-12-24", "created": "2026-12-01",
            "type": {"id": "78", "name": "Vacation", "icon": "palm-trees"}, "amount": {"unit": "days", "amount": "3"},
            "actions": {"view": True, "edit": True, "cancel": True, "approve": True, "deny": True, "bypass": True},
            "dates": {"2026-12-22": "1", "2026-12-23": "1", "2026-12-24": "1"},
            "notes": {"employee": "Family visit", "manager": ""}}


async def test_list_employees_searches_and_pages(catalog, respx_mock):
    route = respx_mock.get(f"{API}/employees/directory").mock(return_value=httpx.Response(200, json=_directory(
        _employee(), _employee("124", "Ashley", "Adams", "HR Administrator"), _employee("125", "Christopher", "Barnes", "Engineer"))))
    action = catalog.action("bamboohr-list-employees")
    first = await run_action(action, {"search": "administrator", "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls.last.request, "GET", "/employees/directory")
    assert first.ret["employees"] == [{"id": "123", "displayName": "Charlotte Abbott", "firstName": "Charlotte",
                                       "lastName": "Abbott", "jobTitle": "Sr. HR Administrator", "department": "Human Resources",
                                       "division": "North America", "location": "Lindon, Utah",
                                       "workEmail": "charlotte@efficientoffice.com", "workPhone": "801-724-6600",
                                       "mobilePhone": "801-724-6603", "supervisor": "Jennifer Caldwell"}]
    assert first.ret["total"] == 2 and first.ret["next_cursor"] == "1"
    second = await run_action(action, {"search": "administrator", "limit": 1, "cursor": "1"}, auth=AUTH)
    assert [e["id"] for e in second.ret["employees"]] == ["124"] and second.ret["next_cursor"] is None


async def test_employee_and_field_options(catalog, respx_mock):
    respx_mock.get(f"{API}/employees/directory").mock(return_value=httpx.Response(200, json=_directory(_employee())))
    respx_mock.get(f"{API}/meta/fields").mock(return_value=httpx.Response(200, json=[
        {"id": 4, "name": "Hire Date", "type": "date", "alias": "hireDate"},
        {"id": 4021, "name": "T-shirt size", "type": "list"}]))
    action = catalog.action("bamboohr-get-employee")
    employees = await fetch_options(action, "employeeId", {}, auth=AUTH)
    assert employees["options"] == [{"label": "Charlotte Abbott - Sr. HR Administrator", "value": "123"}]
    fields = await fetch_options(action, "fields", {}, auth=AUTH)
    assert fields["options"] == [{"label": "Hire Date", "value": "hireDate"}, {"label": "T-shirt size", "value": "4021"}]


async def test_get_employee_reads_named_or_default_fields(catalog, respx_mock):
    route = respx_mock.get(f"{API}/employees/123").mock(return_value=httpx.Response(200, json={
        "id": "123", "firstName": "Charlotte", "lastName": "Abbott", "hireDate": "2016-06-01"}))
    action = catalog.action("bamboohr-get-employee")
    result = await run_action(action, {"employeeId": "123", "fields": ["firstName", "lastName", "hireDate"],
                                       "onlyCurrent": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/employees/123",
                   params={"fields": "firstName,lastName,hireDate", "onlyCurrent": "false"})
    assert result.ret["hireDate"] == "2016-06-01" and result.summary == "Read 3 fields of Charlotte Abbott"
    await run_action(action, {"employeeId": "123"}, auth=AUTH)
    assert route.calls.last.request.url.params["fields"].startswith("firstName,lastName,displayName,jobTitle")


async def test_update_employee_posts_the_fields(catalog, respx_mock):
    route = respx_mock.post(f"{API}/employees/123").mock(return_value=httpx.Response(200))
    result = await run_action(catalog.action("bamboohr-update-employee"), {
        "employeeId": "123", "fields": {"jobTitle": "Director of HR", "workPhone": "801-724-6700"}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/employees/123",
                   body={"jobTitle": "Director of HR", "workPhone": "801-724-6700"})
    assert result.summary == "Updated jobTitle, workPhone of employee 123"


async def test_list_fields(catalog, respx_mock):
    route = respx_mock.get(f"{API}/meta/fields").mock(return_value=httpx.Response(200, json=[
        {"id": 4, "name": "Hire Date", "type": "date", "alias": "hireDate"},
        {"id": 1, "name": "First name", "type": "text", "alias": "firstName"}]))
    result = await run_action(catalog.action("bamboohr-list-fields"), {"search": "hire"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/meta/fields")
    assert result.ret == {"fields": [{"id": 4, "name": "Hire Date", "type": "date", "alias": "hireDate"}],
                          "total": 1, "next_cursor": None}


async def test_list_time_off_requests_with_filters_and_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/time_off/requests").mock(return_value=httpx.Response(200, json=[_request()]))
    action = catalog.action("bamboohr-list-time-off-requests")
    props = {"start": "2026-12-01", "end": "2026-12-31", "status": ["requested"], "employeeId": "123", "toApprove": True}
    result = await run_action(action, props, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/time_off/requests", params={
        "start": "2026-12-01", "end": "2026-12-31", "status": "requested", "employeeId": "123", "action": "approve"})
    assert result.ret["requests"] == [{"id": "1342", "employee_id": "123", "name": "Charlotte Abbott", "status": "requested",
                                       "type": "Vacation", "start": "2026-12-22", "end": "2026-12-24", "amount": "3 days",
                                       "created": "2026-12-01", "employee_note": "Family visit", "manager_note": ""}]
    whole = await run_action(action, {**props, "fullResponse": True}, auth=AUTH)
    assert whole.ret["requests"] == [_request()]


async def test_time_off_dates_are_checked(catalog, respx_mock):
    result = await run_action(catalog.action("bamboohr-list-time-off-requests"), {"start": "Dec 1", "end": "2026-12-31"}, auth=AUTH)
    assert result.error == "start 'Dec 1' must be a date such as `2026-12-24`"
    assert not respx_mock.calls


async def test_approve_a_request_and_its_options(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/time_off/requests").mock(return_value=httpx.Response(200, json=[_request()]))
    action = catalog.action("bamboohr-update-time-off-request-status")
    options = await fetch_options(action, "requestId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Charlotte Abbott: 2026-12-22 to 2026-12-24 (Vacation)", "value": "1342"}]
    today = datetime.date.today()
    assert dict(listed.calls.last.request.url.params) == {
        "start": (today - datetime.timedelta(days=90)).isoformat(), "end": (today + datetime.timedelta(days=365)).isoformat(),
        "status": "requested"}

    route = respx_mock.put(f"{API}/time_off/requests/1342/status").mock(return_value=httpx.Response(200))
    result = await run_action(action, {"requestId": "1342", "status": "approved", "note": "Enjoy!"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PUT", "/time_off/requests/1342/status", body={"status": "approved", "note": "Enjoy!"})
    assert result.summary == "Marked time-off request 1342 approved"


async def test_list_whos_out(catalog, respx_mock):
    route = respx_mock.get(f"{API}/time_off/whos_out").mock(return_value=httpx.Response(200, json=[
        {"id": 1342, "type": "timeOff", "employeeId": 123, "name": "Charlotte Abbott", "start": "2026-12-22", "end": "2026-12-24"},
        {"id": 7, "type": "holiday", "name": "Christmas Day", "start": "2026-12-25", "end": "2026-12-25"}]))
    result = await run_action(catalog.action("bamboohr-list-whos-out"), {"start": "2026-12-20", "end": "2026-12-31"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/time_off/whos_out", params={"start": "2026-12-20", "end": "2026-12-31"})
    assert result.ret["out"][1] == {"id": 7, "type": "holiday", "employeeId": None, "name": "Christmas Day",
                                    "start": "2026-12-25", "end": "2026-12-25"}


async def test_run_company_report(catalog, respx_mock):
    route = respx_mock.get(f"{API}/reports/17").mock(return_value=httpx.Response(200, json={
        "title": "Headcount by department",
        "fields": [{"id": "fullName2", "type": "text", "name": "Last Name, First Name"},
                   {"id": "department", "type": "list", "name": "Department"}],
        "employees": [{"id": "123", "fullName2": "Abbott, Charlotte", "department": "Human Resources"},
                      {"id": "124", "fullName2": "Adams, Ashley", "department": "Human Resources"}]}))
    result = await run_action(catalog.action("bamboohr-run-company-report"), {"reportId": "17", "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/reports/17", params={"format": "JSON", "fd": "yes"})
    assert result.ret == {"title": "Headcount by department",
                          "fields": [{"id": "fullName2", "name": "Last Name, First Name"}, {"id": "department", "name": "Department"}],
                          "employees": [{"id": "123", "fullName2": "Abbott, Charlotte", "department": "Human Resources"}],
                          "total": 2, "next_cursor": "1"}


async def test_errors_use_the_bamboohr_header_and_retry_time(catalog, respx_mock):
    respx_mock.post(f"{API}/employees/123").mock(return_value=httpx.Response(
        400, headers={"X-BambooHR-Error-Message": "Invalid field: shoeSize"}))
    error = (await run_action(catalog.action("bamboohr-update-employee"),
                              {"employeeId": "123", "fields": {"shoeSize": "9"}}, auth=AUTH)).error
    assert "Invalid field: shoeSize" in error and "bamboohr-list-fields" in error
    respx_mock.get(f"{API}/meta/fields").mock(return_value=httpx.Response(503, headers={"Retry-After": "30"}))
    error = (await run_action(catalog.action("bamboohr-list-fields"), {}, auth=AUTH)).error
    assert "BambooHR is limiting requests; retry after 30 s" in error


async def test_a_wrong_company_domain_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("bamboohr-list-employees"), {}, auth={**AUTH, "companyDomain": "acme.bamboohr.com/x"})
    assert "is not a BambooHR subdomain" in result.error
    assert not respx_mock.calls
