import base64
import json
from datetime import datetime

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.track.toggl.com/api/v9"
AUTH = {"api_token": "tg-token-1"}
WORKSPACE = 3134975
BASIC = "Basic " + base64.b64encode(b"tg-token-1:api_token").decode()


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == BASIC
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _entry(entry_id=1474216234, duration=5400, description="Code review"):
    return {"id": entry_id, "workspace_id": WORKSPACE, "project_id": 193791220, "task_id": None, "billable": False,
            "start": "2026-12-07T09:00:00+00:00", "stop": None if duration < 0 else "2026-12-07T10:30:00+00:00",
            "duration": duration, "description": description, "tags": ["review"], "tag_ids": [11], "duronly": True,
            "at": "2026-12-07T10:30:00+00:00", "server_deleted_at": None, "user_id": 4500000, "uid": 4500000,
            "wid": WORKSPACE, "pid": 193791220}


async def test_get_me_never_returns_the_token(catalog, respx_mock):
    me = {"id": 4500000, "api_token": "tg-token-1", "email": "ada@example.com", "fullname": "Ada Lovelace",
          "timezone": "Europe/London", "default_workspace_id": WORKSPACE, "beginning_of_week": 1,
          "image_url": "https://assets.track.toggl.com/images/profile.png", "created_at": "2026-01-01T00:00:00+00:00"}
    route = respx_mock.get(f"{API}/me").mock(return_value=httpx.Response(200, json=me))
    result = await run_action(catalog.action("toggl-get-me"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/me")
    assert result.ret["default_workspace_id"] == WORKSPACE and result.summary == "Signed in as Ada Lovelace (ada@example.com)"
    whole = await run_action(catalog.action("toggl-get-me"), {"fullResponse": True}, auth=AUTH)
    assert "api_token" not in whole.ret and whole.ret["image_url"] == me["image_url"]


async def test_list_workspaces(catalog, respx_mock):
    route = respx_mock.get(f"{API}/me/workspaces").mock(return_value=httpx.Response(200, json=[
        {"id": WORKSPACE, "organization_id": 3110000, "name": "Ada's workspace", "premium": False, "admin": True,
         "role": "admin", "default_currency": "USD", "default_hourly_rate": None, "only_admins_may_create_projects": False}]))
    result = await run_action(catalog.action("toggl-list-workspaces"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/me/workspaces")
    assert result.ret == [{"id": WORKSPACE, "name": "Ada's workspace", "organization_id": 3110000, "role": "admin",
                           "admin": True, "premium": False, "default_currency": "USD"}]


async def test_list_projects_pages_with_an_offset_cursor(catalog, respx_mock):
    def project(n):
        return {"id": n, "workspace_id": WORKSPACE, "client_id": None, "name": f"P{n}", "is_private": True, "active": True,
                "color": "#06aaf5", "billable": None, "at": "2026-12-01T00:00:00+00:00", "wid": WORKSPACE}
    route = respx_mock.get(f"{API}/workspaces/{WORKSPACE}/projects").mock(side_effect=[
        httpx.Response(200, json=[project(n) for n in range(1, 101)]), httpx.Response(200, json=[project(101)])])
    action = catalog.action("toggl-list-projects")
    first = await run_action(action, {"workspaceId": WORKSPACE, "active": True, "name": "P"}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls.last.request, "GET", f"/workspaces/{WORKSPACE}/projects",
                   params={"name": "P", "active": "true", "page": "1", "per_page": "100"})
    assert len(first.ret["projects"]) == 25 and first.ret["next_cursor"] == "25"
    route.side_effect = [httpx.Response(200, json=[project(n) for n in range(1, 101)]), httpx.Response(200, json=[project(101)])]
    last = await run_action(action, {"workspaceId": WORKSPACE, "cursor": "90", "limit": 50}, auth=AUTH)
    assert [p["id"] for p in last.ret["projects"]] == list(range(91, 102)) and last.ret["next_cursor"] is None
    assert route.calls.last.request.url.params["page"] == "2"


async def test_list_time_entries_by_dates_with_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/me/time_entries").mock(return_value=httpx.Response(200, json=[
        _entry(3, -1765100000, "Writing"), _entry(2), _entry(1)]))
    action = catalog.action("toggl-list-time-entries")
    first = await run_action(action, {"startDate": "2026-12-01", "endDate": "2026-12-08", "limit": 2}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/me/time_entries", params={"start_date": "2026-12-01", "end_date": "2026-12-08"})
    assert [e["id"] for e in first.ret["time_entries"]] == [3, 2] and first.ret["time_entries"][0]["running"] is True
    assert first.ret["next_cursor"] == "2"
    rest = await run_action(action, {"startDate": "2026-12-01", "endDate": "2026-12-08", "limit": 2, "cursor": "2"}, auth=AUTH)
    assert [e["id"] for e in rest.ret["time_entries"]] == [1] and rest.ret["next_cursor"] is None
    half = await run_action(action, {"startDate": "2026-12-01"}, auth=AUTH)
    assert half.error == "give both startDate and endDate, or neither"


async def test_current_entry_start_and_stop(catalog, respx_mock):
    current = respx_mock.get(f"{API}/me/time_entries/current").mock(side_effect=[
        httpx.Response(200, json=None), httpx.Response(200, json=_entry(duration=-1765100000))])
    action = catalog.action("toggl-get-current-time-entry")
    none = await run_action(action, {}, auth=AUTH)
    assert_request(current.calls.last.request, "GET", "/me/time_entries/current")
    assert none.ret is None and none.summary == "No timer is running"
    running = await run_action(action, {}, auth=AUTH)
    assert running.ret["running"] is True and running.summary == "Running: Code review"

    started = respx_mock.post(f"{API}/workspaces/{WORKSPACE}/time_entries").mock(
        return_value=httpx.Response(200, json=_entry(duration=-1765100000)))
    result = await run_action(catalog.action("toggl-start-time-entry"), {
        "workspaceId": WORKSPACE, "description": "Code review", "projectId": 193791220, "tags": ["review"]}, auth=AUTH)
    assert result.error is None, result.error
    sent = json.loads(started.calls.last.request.content)
    assert datetime.fromisoformat(sent.pop("start").replace("Z", "+00:00")).tzinfo is not None
    assert_request(started.calls.last.request, "POST", f"/workspaces/{WORKSPACE}/time_entries",
                   body=json.loads(started.calls.last.request.content))
    assert sent == {"created_with": "mcp-gateway", "workspace_id": WORKSPACE, "duration": -1, "description": "Code review",
                    "project_id": 193791220, "tags": ["review"]}

    stopped = respx_mock.patch(f"{API}/workspaces/{WORKSPACE}/time_entries/1474216234/stop").mock(
        return_value=httpx.Response(200, json=_entry()))
    result = await run_action(catalog.action("toggl-stop-time-entry"), {"workspaceId": WORKSPACE, "timeEntryId": 1474216234},
                              auth=AUTH)
    assert_request(stopped.calls.last.request, "PATCH", f"/workspaces/{WORKSPACE}/time_entries/1474216234/stop")
    assert result.summary == "Stopped Code review after 90 min" and result.ret["running"] is False


async def test_create_a_finished_entry(catalog, respx_mock):
    route = respx_mock.post(f"{API}/workspaces/{WORKSPACE}/time_entries").mock(return_value=httpx.Response(200, json=_entry()))
    action = catalog.action("toggl-create-time-entry")
    result = await run_action(action, {"workspaceId": WORKSPACE, "description": "Code review", "start": "2026-12-07T09:00:00Z",
                                       "duration": 5400, "billable": True}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/workspaces/{WORKSPACE}/time_entries", body={
        "created_with": "mcp-gateway", "workspace_id": WORKSPACE, "start": "2026-12-07T09:00:00Z", "description": "Code review",
        "billable": True, "duration": 5400})
    assert result.summary == "Logged 90 min: Code review"
    both = await run_action(action, {"workspaceId": WORKSPACE, "start": "2026-12-07T09:00:00Z"}, auth=AUTH)
    assert both.error == "give either stop or duration (seconds), not both and not neither"
    bad = await run_action(action, {"workspaceId": WORKSPACE, "start": "9am", "duration": 60}, auth=AUTH)
    assert "must be an RFC 3339 time" in bad.error


async def test_remote_options(catalog, respx_mock):
    respx_mock.get(f"{API}/me/workspaces").mock(return_value=httpx.Response(200, json=[{"id": WORKSPACE, "name": "Ada's workspace"}]))
    action = catalog.action("toggl-start-time-entry")
    workspaces = await fetch_options(action, "workspaceId", {}, auth=AUTH)
    assert workspaces["options"] == [{"label": "Ada's workspace", "value": WORKSPACE}]
    projects = respx_mock.get(f"{API}/workspaces/{WORKSPACE}/projects").mock(return_value=httpx.Response(200, json=[
        {"id": 193791220, "workspace_id": WORKSPACE, "name": "Website", "active": True}]))
    page = await fetch_options(action, "projectId", {"workspaceId": WORKSPACE}, auth=AUTH)
    assert page["options"] == [{"label": "Website", "value": 193791220}] and page["context"] is None
    assert dict(projects.calls.last.request.url.params) == {"active": "true", "page": "1", "per_page": "200"}
    missing = await fetch_options(action, "projectId", {}, auth=AUTH)
    assert "choose the workspace (workspaceId) first" in missing["errors"][0]
    respx_mock.get(f"{API}/me/time_entries").mock(return_value=httpx.Response(200, json=[_entry(duration=-1765100000)]))
    entries = await fetch_options(catalog.action("toggl-stop-time-entry"), "timeEntryId", {}, auth=AUTH)
    assert entries["options"] == [{"label": "2026-12-07T09:00 Code review (running)", "value": 1474216234}]


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/me/time_entries/current").mock(side_effect=[
        httpx.Response(402, headers={"X-Toggl-Quota-Remaining": "0", "X-Toggl-Quota-Resets-In": "1200"},
                       text="You have hit your hourly limit for API calls."),
        httpx.Response(429, headers={"Retry-After": "2"}, text="Too Many Requests"),
    ])
    action = catalog.action("toggl-get-current-time-entry")
    result = await run_action(action, {}, auth=AUTH)
    assert "hourly limit" in result.error and "retry after 1200 s" in result.error
    result = await run_action(action, {}, auth=AUTH)
    assert "rate limited by Toggl; retry after 2 s" in result.error
    respx_mock.post(f"{API}/workspaces/{WORKSPACE}/time_entries").mock(
        return_value=httpx.Response(400, json="Invalid project_id"))
    result = await run_action(catalog.action("toggl-start-time-entry"), {"workspaceId": WORKSPACE, "projectId": 9}, auth=AUTH)
    assert "Invalid project_id (fix the value named in the message)" in result.error


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_the_account_test_reads_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/me").mock(return_value=httpx.Response(200, json={
        "id": 4500000, "api_token": "tg-token-1", "email": "ada@example.com", "fullname": "Ada Lovelace"}))
    identity = await _account_test(catalog.apps["toggl"], AUTH)
    assert identity == Identity(name="ada@example.com", external_id="4500000")
    assert_request(route.calls.last.request, "GET", "/me")
