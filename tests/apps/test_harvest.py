import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.harvestapp.com/v2"
AUTH = {"access_token": "hv-token-1", "account_id": "123456"}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer hv-token-1"
    assert request.headers["harvest-account-id"] == "123456"
    assert request.headers["user-agent"].startswith("mcp-gateway")
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _entry(entry_id=636709355, hours=2.0, running=False):
    return {"id": entry_id, "spent_date": "2026-12-07", "hours": hours, "hours_without_timer": hours, "rounded_hours": hours,
            "notes": "Fixed the checkout bug", "is_locked": False, "locked_reason": None, "is_closed": False,
            "is_billed": False, "timer_started_at": "2026-12-07T09:00:00Z" if running else None,
            "started_time": None, "ended_time": None, "is_running": running, "billable": True, "budgeted": True,
            "billable_rate": 100.0, "cost_rate": 50.0, "created_at": "2026-12-07T09:00:00Z", "updated_at": "2026-12-07T11:00:00Z",
            "user": {"id": 1782959, "name": "Kim Allen"}, "client": {"id": 5735774, "name": "ABC Corp"},
            "project": {"id": 14307913, "name": "Marketing Website", "code": "MW"}, "task": {"id": 8083365, "name": "Graphic Design"},
            "user_assignment": {"id": 125068553}, "task_assignment": {"id": 155502709}, "invoice": None, "external_reference": None}


def _page(key, records, *, page=1, total=None, next_page=None, total_pages=None):
    total = len(records) if total is None else total
    return {key: records, "per_page": 100, "total_pages": total_pages or -(-total // 100) or 1, "total_entries": total,
            "next_page": next_page, "previous_page": page - 1 or None, "page": page,
            "links": {"first": f"{API}/{key}?page=1&per_page=100", "next": None, "previous": None, "last": None}}


def _assignment():
    return {"id": 125068554, "is_project_manager": False, "is_active": True, "budget": None,
            "project": {"id": 14307913, "name": "Marketing Website", "code": "MW"}, "client": {"id": 5735774, "name": "ABC Corp"},
            "task_assignments": [{"id": 155502709, "billable": True, "is_active": True, "hourly_rate": 100.0,
                                  "task": {"id": 8083365, "name": "Graphic Design"}},
                                 {"id": 155502710, "billable": False, "is_active": False, "hourly_rate": 100.0,
                                  "task": {"id": 8083366, "name": "Old task"}}]}


async def test_get_current_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={
        "id": 1782959, "first_name": "Kim", "last_name": "Allen", "email": "kim@example.com", "timezone": "Eastern Time (US & Canada)",
        "is_active": True, "weekly_capacity": 126000, "access_roles": ["member"], "avatar_url": "https://example.com/a.png"}))
    result = await run_action(catalog.action("harvest-get-current-user"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/users/me")
    assert result.ret["access_roles"] == ["member"] and "avatar_url" not in result.ret
    assert result.summary == "Signed in as Kim Allen (kim@example.com)"


async def test_list_time_entries_filters_and_pages(catalog, respx_mock):
    entries = [_entry(n) for n in range(1, 101)]
    route = respx_mock.get(f"{API}/time_entries").mock(side_effect=[
        httpx.Response(200, json=_page("time_entries", entries, total=102, next_page=2)),
        httpx.Response(200, json=_page("time_entries", [_entry(101), _entry(102)], page=2, total=102)),
    ])
    action = catalog.action("harvest-list-time-entries")
    first = await run_action(action, {"from": "2026-12-01", "to": "2026-12-07", "projectId": 14307913, "isRunning": False,
                                      "limit": 99}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/time_entries", params={
        "from": "2026-12-01", "to": "2026-12-07", "project_id": "14307913", "is_running": "false", "page": "1", "per_page": "100"})
    assert len(first.ret["time_entries"]) == 99 and first.ret["next_cursor"] == "99"
    assert first.ret["time_entries"][0]["project"] == {"id": 14307913, "name": "Marketing Website"}
    route.side_effect = [httpx.Response(200, json=_page("time_entries", entries, total=102, next_page=2)),
                         httpx.Response(200, json=_page("time_entries", [_entry(101), _entry(102)], page=2, total=102))]
    second = await run_action(action, {"cursor": "99"}, auth=AUTH)
    assert [e["id"] for e in second.ret["time_entries"]] == [100, 101, 102] and second.ret["next_cursor"] is None
    assert route.calls[-1].request.url.params["page"] == "2"


async def test_create_a_time_entry_or_start_a_timer(catalog, respx_mock):
    route = respx_mock.post(f"{API}/time_entries").mock(side_effect=[
        httpx.Response(201, json=_entry(hours=1.5)), httpx.Response(201, json=_entry(hours=0.0, running=True))])
    action = catalog.action("harvest-create-time-entry")
    result = await run_action(action, {"projectId": 14307913, "taskId": 8083365, "spentDate": "2026-12-07", "hours": "1.5",
                                       "notes": "Fixed the checkout bug"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/time_entries", body={
        "project_id": 14307913, "task_id": 8083365, "spent_date": "2026-12-07", "hours": 1.5, "notes": "Fixed the checkout bug"})
    assert result.summary == "Logged 1.5 h on Marketing Website for 2026-12-07"
    result = await run_action(action, {"projectId": 14307913, "taskId": 8083365, "spentDate": "2026-12-07"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"project_id": 14307913, "task_id": 8083365, "spent_date": "2026-12-07"}
    assert result.ret["is_running"] is True and result.summary == "Started a timer on Marketing Website"
    bad = await run_action(action, {"projectId": 1, "taskId": 2, "spentDate": "2026-12-07", "hours": "1h30"}, auth=AUTH)
    assert bad.error == "hours '1h30' must be a decimal number such as `1.5`"


async def test_update_stop_and_restart(catalog, respx_mock):
    updated = respx_mock.patch(f"{API}/time_entries/636709355").mock(return_value=httpx.Response(200, json=_entry(hours=2.25)))
    result = await run_action(catalog.action("harvest-update-time-entry"),
                              {"timeEntryId": 636709355, "hours": "2.25", "notes": "Review"}, auth=AUTH)
    assert_request(updated.calls.last.request, "PATCH", "/time_entries/636709355", body={"notes": "Review", "hours": 2.25})
    assert result.ret["hours"] == 2.25
    empty = await run_action(catalog.action("harvest-update-time-entry"), {"timeEntryId": 636709355}, auth=AUTH)
    assert "give at least one field to change" in empty.error

    stopped = respx_mock.patch(f"{API}/time_entries/636709355/stop").mock(return_value=httpx.Response(200, json=_entry(hours=0.5)))
    result = await run_action(catalog.action("harvest-stop-timer"), {"timeEntryId": 636709355}, auth=AUTH)
    assert_request(stopped.calls.last.request, "PATCH", "/time_entries/636709355/stop")
    assert result.summary == "Stopped the timer at 0.5 h on Marketing Website"

    restarted = respx_mock.patch(f"{API}/time_entries/636709355/restart").mock(
        return_value=httpx.Response(200, json=_entry(hours=0.5, running=True)))
    result = await run_action(catalog.action("harvest-restart-timer"), {"timeEntryId": 636709355}, auth=AUTH)
    assert_request(restarted.calls.last.request, "PATCH", "/time_entries/636709355/restart")
    assert result.ret["is_running"] is True
    whole = await run_action(catalog.action("harvest-restart-timer"), {"timeEntryId": 636709355, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _entry(hours=0.5, running=True)


async def test_list_projects_and_assignments(catalog, respx_mock):
    projects = respx_mock.get(f"{API}/projects").mock(return_value=httpx.Response(200, json=_page("projects", [{
        "id": 14307913, "name": "Marketing Website", "code": "MW", "is_active": True, "is_billable": True, "bill_by": "Project",
        "budget": 50.0, "budget_by": "project", "starts_on": "2026-01-01", "ends_on": None, "notes": "",
        "client": {"id": 5735774, "name": "ABC Corp", "currency": "USD"}, "hourly_rate": 100.0}])))
    result = await run_action(catalog.action("harvest-list-projects"), {"isActive": True, "clientId": 5735774}, auth=AUTH)
    assert_request(projects.calls.last.request, "GET", "/projects",
                   params={"client_id": "5735774", "is_active": "true", "page": "1", "per_page": "100"})
    assert result.ret["projects"][0]["client"] == {"id": 5735774, "name": "ABC Corp"} and "hourly_rate" not in result.ret["projects"][0]

    mine = respx_mock.get(f"{API}/users/me/project_assignments").mock(
        return_value=httpx.Response(200, json=_page("project_assignments", [_assignment()])))
    result = await run_action(catalog.action("harvest-list-project-assignments"), {}, auth=AUTH)
    assert_request(mine.calls.last.request, "GET", "/users/me/project_assignments", params={"page": "1", "per_page": "100"})
    assert result.ret["project_assignments"][0]["tasks"][0] == {"id": 8083365, "name": "Graphic Design", "billable": True,
                                                               "is_active": True}


async def test_remote_options_for_projects_tasks_and_entries(catalog, respx_mock):
    respx_mock.get(f"{API}/users/me/project_assignments").mock(
        return_value=httpx.Response(200, json=_page("project_assignments", [_assignment()])))
    action = catalog.action("harvest-create-time-entry")
    projects = await fetch_options(action, "projectId", {}, auth=AUTH)
    assert projects["options"] == [{"label": "Marketing Website (ABC Corp)", "value": 14307913}] and projects["context"] is None
    tasks = await fetch_options(action, "taskId", {"projectId": 14307913}, auth=AUTH)
    assert tasks["options"] == [{"label": "Graphic Design", "value": 8083365}]
    missing = await fetch_options(action, "taskId", {}, auth=AUTH)
    assert "choose the project (projectId) first" in missing["errors"][0]

    entries = respx_mock.get(f"{API}/time_entries").mock(side_effect=[
        httpx.Response(200, json=_page("time_entries", [_entry(running=True)], total=2, next_page=2, total_pages=2)),
        httpx.Response(200, json=_page("time_entries", [_entry(2)], page=2, total=2, total_pages=2))])
    first = await fetch_options(catalog.action("harvest-stop-timer"), "timeEntryId", {}, auth=AUTH)
    assert first["options"] == [{"label": "2026-12-07 Marketing Website: Fixed the checkout bug (running)", "value": 636709355}]
    second = await fetch_options(catalog.action("harvest-stop-timer"), "timeEntryId", {}, auth=AUTH, page=1,
                                 prev_context=first["context"])
    assert entries.calls.last.request.url.params["page"] == "2" and second["context"] is None


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/time_entries").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "15"}, json={"message": "Too Many Requests"}),
        httpx.Response(422, json={"message": "Spent date can't be blank"}),
    ])
    args = {"projectId": 14307913, "taskId": 8083365, "spentDate": "2026-12-07"}
    result = await run_action(catalog.action("harvest-create-time-entry"), args, auth=AUTH)
    assert "rate limited by Harvest; retry after 15 s" in result.error
    result = await run_action(catalog.action("harvest-create-time-entry"), args, auth=AUTH)
    assert "Spent date can't be blank (fix the value named in the message)" in result.error


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_the_account_test_reads_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={
        "id": 1782959, "first_name": "Kim", "last_name": "Allen", "email": "kim@example.com"}))
    identity = await _account_test(catalog.apps["harvest"], AUTH)
    assert identity == Identity(name="Kim Allen", external_id="1782959")
    assert_request(route.calls.last.request, "GET", "/users/me")
