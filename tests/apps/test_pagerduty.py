import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.support import LOCAL_UPSTREAMS

API = "https://api.pagerduty.com"
AUTH = {"api_token": "y_NbAkKc66ryYTWUXYEu", "from_email": "oncall@example.com"}
INCIDENT_ID = "PT4KHLK"


def assert_request(request, method, path, *, params=None, body=None, write=False):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    expected = params.items() if isinstance(params, dict) else params or []
    assert sorted(request.url.params.multi_items()) == sorted(expected)
    assert request.headers["authorization"] == "Token token=y_NbAkKc66ryYTWUXYEu"
    assert request.headers["accept"] == "application/vnd.pagerduty+json;version=2"
    assert request.headers.get("from") == ("oncall@example.com" if write else None)
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _ref(kind, ref_id, summary):
    path = {"service": "services", "user": "users", "escalation_policy": "escalation_policies",
            "schedule": "schedules", "team": "teams"}[kind]
    return {"id": ref_id, "type": f"{kind}_reference", "summary": summary, "self": f"{API}/{path}/{ref_id}",
            "html_url": f"https://subdomain.pagerduty.com/{path}/{ref_id}"}


def _incident(incident_id=INCIDENT_ID, number=1234, status="triggered"):
    return {
        "id": incident_id, "type": "incident", "summary": f"[#{number}] The server is on fire.",
        "self": f"{API}/incidents/{incident_id}", "html_url": f"https://subdomain.pagerduty.com/incidents/{incident_id}",
        "incident_number": number, "title": "The server is on fire.", "created_at": "2015-10-06T21:30:42Z",
        "updated_at": "2015-10-06T21:40:23Z", "status": status, "incident_key": "baf7cf21b1da41b4b0221008339ff357",
        "service": _ref("service", "PIJ90N7", "My Mail Service"),
        "assignments": [{"at": "2015-11-10T00:31:52Z", "assignee": _ref("user", "PXPGF42", "Earline Greenholt")}],
        "assigned_via": "escalation_policy", "last_status_change_at": "2015-10-06T21:38:23Z", "resolved_at": None,
        "alert_counts": {"all": 2, "triggered": 0, "resolved": 2}, "is_mergeable": True,
        "escalation_policy": _ref("escalation_policy", "PT20YPA", "Another Escalation Policy"),
        "teams": [_ref("team", "PQ9K7I8", "Engineering")], "pending_actions": [], "acknowledgements": [],
        "priority": {"id": "P53ZZH5", "type": "priority_reference", "summary": "P2", "self": f"{API}/priorities/P53ZZH5"},
        "urgency": "high",
    }


def _summary(incident):
    return {
        "id": incident["id"], "number": incident["incident_number"], "title": "The server is on fire.",
        "status": incident["status"], "urgency": "high", "priority": "P2",
        "service": {"id": "PIJ90N7", "name": "My Mail Service"},
        "escalation_policy": {"id": "PT20YPA", "name": "Another Escalation Policy"},
        "assignees": [{"id": "PXPGF42", "name": "Earline Greenholt"}], "created_at": "2015-10-06T21:30:42Z",
        "last_status_change_at": "2015-10-06T21:38:23Z", "resolved_at": None,
        "incident_key": "baf7cf21b1da41b4b0221008339ff357", "html_url": incident["html_url"],
    }


def _page(key, records, *, limit, offset=0, more=False):
    return {key: records, "limit": limit, "offset": offset, "more": more, "total": None}


async def test_list_incidents_filters_and_pages_by_offset_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/incidents").mock(side_effect=[
        httpx.Response(200, json=_page("incidents", [_incident(), _incident("PT4KHLL", 1235)], limit=3, more=True)),
        httpx.Response(200, json=_page("incidents", [_incident("PT4KHLM", 1236)], limit=1, offset=2, more=True)),
    ])
    result = await run_action(catalog.action("pagerduty-list-incidents"), {
        "statuses": ["triggered", "acknowledged"], "serviceIds": ["PIJ90N7"], "urgencies": ["high"],
        "since": "2026-12-01T00:00:00Z", "sortBy": "created_at:desc", "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    common = [("statuses[]", "triggered"), ("statuses[]", "acknowledged"), ("service_ids[]", "PIJ90N7"),
              ("urgencies[]", "high"), ("since", "2026-12-01T00:00:00Z"), ("sort_by", "created_at:desc")]
    assert_request(route.calls[0].request, "GET", "/incidents", params=common + [("limit", "3"), ("offset", "0")])
    assert_request(route.calls[1].request, "GET", "/incidents", params=common + [("limit", "1"), ("offset", "2")])
    assert result.ret["incidents"][0] == _summary(_incident())
    assert [i["number"] for i in result.ret["incidents"]] == [1234, 1235, 1236]
    assert result.ret["next_cursor"] == "3"
    assert result.summary == "Listed 3 incidents"


async def test_list_incidents_from_a_cursor_over_all_dates_ends_without_one(catalog, respx_mock):
    route = respx_mock.get(f"{API}/incidents").mock(
        return_value=httpx.Response(200, json=_page("incidents", [_incident()], limit=25, offset=3)))
    result = await run_action(catalog.action("pagerduty-list-incidents"), {"cursor": "3", "allDates": True}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/incidents", params={"date_range": "all", "limit": "25", "offset": "3"})
    assert result.ret["next_cursor"] is None
    bad = await run_action(catalog.action("pagerduty-list-incidents"), {"cursor": "page-2"}, auth=AUTH)
    assert "is not one this action returned" in bad.error


async def test_get_incident_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    route = respx_mock.get(f"{API}/incidents/{INCIDENT_ID}").mock(return_value=httpx.Response(200, json={"incident": _incident()}))
    result = await run_action(catalog.action("pagerduty-get-incident"), {"incidentId": INCIDENT_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/incidents/{INCIDENT_ID}")
    assert result.ret == _summary(_incident())
    assert result.summary == "Read incident #1234: The server is on fire."
    whole = await run_action(catalog.action("pagerduty-get-incident"), {"incidentId": INCIDENT_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _incident()


async def test_create_incident_sends_the_from_header_and_pagerdutys_shape(catalog, respx_mock):
    route = respx_mock.post(f"{API}/incidents").mock(return_value=httpx.Response(201, json={"incident": _incident()}))
    result = await run_action(catalog.action("pagerduty-create-incident"), {
        "title": "The server is on fire.", "serviceId": "PWIXJZS", "urgency": "high",
        "details": "A disk is getting full on this machine.", "incidentKey": "baf7cf21b1da41b4b0221008339ff357",
        "escalationPolicyId": "PT20YPA"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/incidents", write=True, body={"incident": {
        "type": "incident", "title": "The server is on fire.", "service": {"id": "PWIXJZS", "type": "service_reference"},
        "urgency": "high", "body": {"type": "incident_body", "details": "A disk is getting full on this machine."},
        "incident_key": "baf7cf21b1da41b4b0221008339ff357",
        "escalation_policy": {"id": "PT20YPA", "type": "escalation_policy_reference"}}})
    assert result.summary == "Opened incident #1234: The server is on fire."

    await run_action(catalog.action("pagerduty-create-incident"),
                     {"title": "Disk full", "serviceId": "PWIXJZS", "assigneeIds": ["PXPGF42"]}, auth=AUTH)
    assert json.loads(route.calls.last.request.content)["incident"]["assignments"] == [
        {"assignee": {"id": "PXPGF42", "type": "user_reference"}}]


async def test_writes_need_a_from_email_on_the_connection(catalog, respx_mock):
    result = await run_action(catalog.action("pagerduty-add-incident-note"), {"incidentId": INCIDENT_ID, "content": "On it"},
                              auth={"api_token": "y_NbAkKc66ryYTWUXYEu"})
    assert "fill in From Email" in result.error
    assert not respx_mock.calls


async def test_update_incident_acknowledges_and_resolves(catalog, respx_mock):
    route = respx_mock.put(f"{API}/incidents/{INCIDENT_ID}").mock(side_effect=[
        httpx.Response(200, json={"incident": _incident(status="acknowledged")}),
        httpx.Response(200, json={"incident": _incident(status="resolved")}),
    ])
    action = catalog.action("pagerduty-update-incident")
    result = await run_action(action, {"incidentId": INCIDENT_ID, "status": "acknowledged"}, auth=AUTH)
    assert_request(route.calls.last.request, "PUT", f"/incidents/{INCIDENT_ID}", write=True,
                   body={"incident": {"type": "incident_reference", "status": "acknowledged"}})
    assert result.ret["status"] == "acknowledged" and result.summary == "Updated incident #1234: acknowledged"
    result = await run_action(action, {"incidentId": INCIDENT_ID, "status": "resolved",
                                       "resolution": "Rolled back the deploy.", "assigneeIds": ["PXPGF42"]}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"incident": {
        "type": "incident_reference", "status": "resolved", "resolution": "Rolled back the deploy.",
        "assignments": [{"assignee": {"id": "PXPGF42", "type": "user_reference"}}]}}
    assert result.ret["status"] == "resolved"


async def test_update_incident_checks_its_inputs(catalog, respx_mock):
    action = catalog.action("pagerduty-update-incident")
    nothing = await run_action(action, {"incidentId": INCIDENT_ID}, auth=AUTH)
    assert nothing.error.startswith("nothing to change")
    stray = await run_action(action, {"incidentId": INCIDENT_ID, "resolution": "Fixed"}, auth=AUTH)
    assert stray.error == "a resolution goes with status `resolved`; set both"
    assert not respx_mock.calls


async def test_add_and_list_incident_notes(catalog, respx_mock):
    note = {"id": "PWL7QXS", "user": _ref("user", "PXPGF42", "Earline Greenholt"),
            "channel": {"summary": "The PagerDuty website or APIs"}, "content": "Firefighters are on the scene.",
            "created_at": "2013-03-06T15:28:51-05:00", "updated_at": "2023-10-01T12:00:00-05:00"}
    added = respx_mock.post(f"{API}/incidents/{INCIDENT_ID}/notes").mock(return_value=httpx.Response(201, json={"note": note}))
    result = await run_action(catalog.action("pagerduty-add-incident-note"),
                              {"incidentId": INCIDENT_ID, "content": "Firefighters are on the scene."}, auth=AUTH)
    assert_request(added.calls.last.request, "POST", f"/incidents/{INCIDENT_ID}/notes", write=True,
                   body={"note": {"content": "Firefighters are on the scene."}})
    trimmed = {"id": "PWL7QXS", "content": "Firefighters are on the scene.",
               "user": {"id": "PXPGF42", "name": "Earline Greenholt"}, "created_at": "2013-03-06T15:28:51-05:00"}
    assert result.ret == trimmed

    listed = respx_mock.get(f"{API}/incidents/{INCIDENT_ID}/notes").mock(return_value=httpx.Response(200, json={"notes": [note]}))
    result = await run_action(catalog.action("pagerduty-list-incident-notes"), {"incidentId": INCIDENT_ID}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", f"/incidents/{INCIDENT_ID}/notes")
    assert result.ret == {"notes": [trimmed]} and result.summary == f"Read 1 note of incident {INCIDENT_ID}"


async def test_list_on_calls_for_schedules_in_a_range(catalog, respx_mock):
    route = respx_mock.get(f"{API}/oncalls").mock(return_value=httpx.Response(200, json=_page("oncalls", [{
        "user": _ref("user", "PT23IWX", "Tim Wright"), "schedule": _ref("schedule", "PI7DH85", "Daily Engineering Rotation"),
        "escalation_policy": _ref("escalation_policy", "PT20YPA", "Engineering Escalation Policy"), "escalation_level": 2,
        "start": "2015-03-06T15:28:51-05:00", "end": "2015-03-07T15:28:51-05:00"}], limit=25)))
    result = await run_action(catalog.action("pagerduty-list-on-calls"), {
        "scheduleIds": ["PI7DH85"], "since": "2026-12-07T00:00:00Z", "until": "2026-12-14T00:00:00Z", "earliest": True}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/oncalls", params={
        "schedule_ids[]": "PI7DH85", "since": "2026-12-07T00:00:00Z", "until": "2026-12-14T00:00:00Z", "earliest": "true",
        "limit": "25", "offset": "0"})
    assert result.ret == {"oncalls": [{"user": {"id": "PT23IWX", "name": "Tim Wright"},
                                       "schedule": {"id": "PI7DH85", "name": "Daily Engineering Rotation"},
                                       "escalation_policy": {"id": "PT20YPA", "name": "Engineering Escalation Policy"},
                                       "escalation_level": 2, "start": "2015-03-06T15:28:51-05:00",
                                       "end": "2015-03-07T15:28:51-05:00"}], "next_cursor": None}
    assert result.summary == "Found 1 on-call entry: Tim Wright"


async def test_list_services_schedules_and_users(catalog, respx_mock):
    services = respx_mock.get(f"{API}/services").mock(return_value=httpx.Response(200, json=_page("services", [{
        "id": "PIJ90N7", "summary": "My Application Service", "type": "service", "self": f"{API}/services/PIJ90N7",
        "html_url": "https://subdomain.pagerduty.com/service-directory/PIJ90N7", "name": "My Application Service",
        "auto_resolve_timeout": 14400, "acknowledgement_timeout": 600, "created_at": "2015-11-06T11:12:51-05:00",
        "status": "active", "escalation_policy": _ref("escalation_policy", "PT20YPA", "Another Escalation Policy"),
        "teams": [_ref("team", "PQ9K7I8", "Engineering")]}], limit=10)))
    result = await run_action(catalog.action("pagerduty-list-services"),
                              {"query": "Application", "teamIds": ["PQ9K7I8"], "limit": 10}, auth=AUTH)
    assert_request(services.calls.last.request, "GET", "/services", params={
        "query": "Application", "team_ids[]": "PQ9K7I8", "limit": "10", "offset": "0"})
    assert result.ret["services"] == [{"id": "PIJ90N7", "name": "My Application Service", "description": None,
                                       "status": "active", "escalation_policy": {"id": "PT20YPA", "name": "Another Escalation Policy"},
                                       "teams": [{"id": "PQ9K7I8", "name": "Engineering"}],
                                       "html_url": "https://subdomain.pagerduty.com/service-directory/PIJ90N7"}]

    schedules = respx_mock.get(f"{API}/schedules").mock(return_value=httpx.Response(200, json=_page("schedules", [{
        "id": "PI7DH85", "type": "schedule", "summary": "Daily Engineering Rotation", "self": f"{API}/schedules/PI7DH85",
        "html_url": "https://subdomain.pagerduty.com/schedules/PI7DH85", "name": "Daily Engineering Rotation",
        "time_zone": "America/New_York", "description": "Rotation schedule for engineering",
        "escalation_policies": [_ref("escalation_policy", "PT20YPA", "Another Escalation Policy")],
        "users": [_ref("user", "PEYSGVF", "PagerDuty Admin")]}], limit=25)))
    result = await run_action(catalog.action("pagerduty-list-schedules"), {"query": "Engineering"}, auth=AUTH)
    assert_request(schedules.calls.last.request, "GET", "/schedules", params={"query": "Engineering", "limit": "25", "offset": "0"})
    assert result.ret["schedules"][0]["users"] == [{"id": "PEYSGVF", "name": "PagerDuty Admin"}]

    users = respx_mock.get(f"{API}/users").mock(return_value=httpx.Response(200, json=_page("users", [{
        "id": "PXPGF42", "type": "user", "summary": "Earline Greenholt", "self": f"{API}/users/PXPGF42",
        "html_url": "https://subdomain.pagerduty.com/users/PXPGF42", "name": "Earline Greenholt",
        "email": "125.greenholt.earline@graham.name", "time_zone": "America/Lima", "color": "green", "role": "admin",
        "job_title": "Director of Engineering", "teams": [_ref("team", "PQ9K7I8", "Engineering")]}], limit=25)))
    result = await run_action(catalog.action("pagerduty-list-users"), {"query": "earline"}, auth=AUTH)
    assert_request(users.calls.last.request, "GET", "/users", params={"query": "earline", "limit": "25", "offset": "0"})
    assert result.ret["users"] == [{"id": "PXPGF42", "name": "Earline Greenholt", "email": "125.greenholt.earline@graham.name",
                                    "role": "admin", "job_title": "Director of Engineering", "time_zone": "America/Lima",
                                    "teams": [{"id": "PQ9K7I8", "name": "Engineering"}],
                                    "html_url": "https://subdomain.pagerduty.com/users/PXPGF42"}]


async def test_incident_service_and_user_options(catalog, respx_mock):
    incidents = respx_mock.get(f"{API}/incidents").mock(side_effect=[
        httpx.Response(200, json=_page("incidents", [_incident()], limit=100, more=True)),
        httpx.Response(200, json=_page("incidents", [_incident("PT4KHLL", 1235, "acknowledged")], limit=100, offset=1)),
    ])
    action = catalog.action("pagerduty-update-incident")
    first = await fetch_options(action, "incidentId", {}, auth=AUTH)
    assert first["options"] == [{"label": "#1234 The server is on fire. (triggered)", "value": INCIDENT_ID}]
    assert first["context"] == {"offset": 1}
    second = await fetch_options(action, "incidentId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"][0]["value"] == "PT4KHLL" and second["context"] is None
    assert sorted(incidents.calls[1].request.url.params.multi_items()) == [
        ("limit", "100"), ("offset", "1"), ("statuses[]", "acknowledged"), ("statuses[]", "triggered")]

    services = respx_mock.get(f"{API}/services").mock(return_value=httpx.Response(200, json=_page("services", [
        {"id": "PIJ90N7", "type": "service", "name": "My Application Service"}], limit=100)))
    page = await fetch_options(catalog.action("pagerduty-create-incident"), "serviceId", {}, auth=AUTH, query="App")
    assert page["options"] == [{"label": "My Application Service", "value": "PIJ90N7"}]
    assert dict(services.calls.last.request.url.params) == {"limit": "100", "offset": "0", "query": "App"}

    respx_mock.get(f"{API}/users").mock(return_value=httpx.Response(200, json=_page("users", [
        {"id": "PXPGF42", "type": "user", "name": "Earline Greenholt", "email": "earline@example.com"}], limit=100)))
    page = await fetch_options(catalog.action("pagerduty-create-incident"), "assigneeIds", {}, auth=AUTH)
    assert page["options"] == [{"label": "Earline Greenholt <earline@example.com>", "value": "PXPGF42"}]


async def test_vendor_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.put(f"{API}/incidents/{INCIDENT_ID}").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "20"}, json={"error": {"message": "Rate Limit Exceeded"}}),
        httpx.Response(400, json={"error": {"message": "Invalid Input Provided", "code": 2001,
                                            "errors": ["Status must be a list of triggered, acknowledged, or resolved."]}}),
        httpx.Response(404, json={"error": {"message": "Not Found", "code": 2100}}),
    ])
    action = catalog.action("pagerduty-update-incident")
    limited = await run_action(action, {"incidentId": INCIDENT_ID, "status": "acknowledged"}, auth=AUTH)
    assert "rate limited by PagerDuty; retry after 20 s" in limited.error
    invalid = await run_action(action, {"incidentId": INCIDENT_ID, "status": "acknowledged"}, auth=AUTH)
    assert "Invalid Input Provided; Status must be a list of triggered, acknowledged, or resolved." in invalid.error
    missing = await run_action(action, {"incidentId": INCIDENT_ID, "status": "acknowledged"}, auth=AUTH)
    assert "find incidents with pagerduty-list-incidents" in missing.error


async def test_the_account_test_reads_one_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users").mock(return_value=httpx.Response(200, json=_page("users", [], limit=1)))
    app = catalog.apps["pagerduty"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        assert await app.test(AccountContext(auth=AUTH, http=http, egress=LOCAL_UPSTREAMS)) is None
    assert_request(route.calls.last.request, "GET", "/users", params={"limit": "1"})
