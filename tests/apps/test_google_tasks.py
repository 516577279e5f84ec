import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://tasks.googleapis.com/tasks/v1"
AUTH = {"oauth_access_token": "ya29.tasks-token"}
LIST_ID = "MDk3NjQ1MTIzNDU2Nzg5MDEyMzQ6MDow"
TASK_ID = "dGFza18xMjM0NTY3ODkw"


def _task(task_id=TASK_ID, title="Book flights", **extra):
    return {
        "kind": "tasks#task",
        "id": task_id,
        "etag": "\"LTEyMzQ1Njc4OTA\"",
        "title": title,
        "updated": "2026-12-01T09:30:00.000Z",
        "selfLink": f"{API}/lists/{LIST_ID}/tasks/{task_id}",
        "position": "00000000000000000000",
        "notes": "Window seat",
        "status": "needsAction",
        "due": "2026-12-20T00:00:00.000Z",
        "links": [],
        "webViewLink": f"https://tasks.google.com/task/{task_id}",
        **extra,
    }


def _task_list(list_id=LIST_ID, title="My Tasks"):
    return {"kind": "tasks#taskList", "id": list_id, "etag": "\"MTIzNDU2\"", "title": title,
            "updated": "2026-12-01T09:00:00.000Z", "selfLink": f"{API}/users/@me/lists/{list_id}"}


def _summary(task):
    return {"id": task["id"], "title": task["title"], "notes": task.get("notes"), "status": task["status"],
            "due": (task.get("due") or "")[:10] or None, "completed": task.get("completed"), "parent": task.get("parent"),
            "position": task["position"], "updated": task["updated"], "web_view_link": task["webViewLink"]}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer ya29.tasks-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_list_task_lists_follows_page_tokens_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/@me/lists").mock(side_effect=[
        httpx.Response(200, json={"kind": "tasks#taskLists", "etag": "\"e1\"", "nextPageToken": "p2",
                                  "items": [_task_list(), _task_list("L2", "Groceries")]}),
        httpx.Response(200, json={"kind": "tasks#taskLists", "etag": "\"e2\"", "nextPageToken": "p3",
                                  "items": [_task_list("L3", "Work")]}),
    ])
    result = await run_action(catalog.action("google_tasks-list-task-lists"), {"limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/users/@me/lists", params={"maxResults": "3"})
    assert_request(route.calls[1].request, "GET", "/users/@me/lists", params={"maxResults": "1", "pageToken": "p2"})
    assert result.ret == {"task_lists": [
        {"id": LIST_ID, "title": "My Tasks", "updated": "2026-12-01T09:00:00.000Z"},
        {"id": "L2", "title": "Groceries", "updated": "2026-12-01T09:00:00.000Z"},
        {"id": "L3", "title": "Work", "updated": "2026-12-01T09:00:00.000Z"},
    ], "next_cursor": "p3"}
    assert result.summary == "Listed 3 task lists"


async def test_list_task_lists_starts_from_a_cursor_and_ends_without_one(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/@me/lists").mock(
        return_value=httpx.Response(200, json={"kind": "tasks#taskLists", "etag": "\"e\"", "items": [_task_list()]}))
    result = await run_action(catalog.action("google_tasks-list-task-lists"), {"cursor": "p3"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/users/@me/lists", params={"maxResults": "25", "pageToken": "p3"})
    assert result.ret["next_cursor"] is None


async def test_create_rename_and_delete_a_task_list(catalog, respx_mock):
    created = respx_mock.post(f"{API}/users/@me/lists").mock(return_value=httpx.Response(200, json=_task_list("L9", "Groceries")))
    renamed = respx_mock.patch(f"{API}/users/@me/lists/L9").mock(return_value=httpx.Response(200, json=_task_list("L9", "Shopping")))
    deleted = respx_mock.delete(f"{API}/users/@me/lists/L9").mock(return_value=httpx.Response(204))

    result = await run_action(catalog.action("google_tasks-create-task-list"), {"title": "Groceries"}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", "/users/@me/lists", body={"title": "Groceries"})
    assert result.ret["id"] == "L9" and result.summary == "Created the task list 'Groceries'"

    result = await run_action(catalog.action("google_tasks-rename-task-list"), {"taskListId": "L9", "title": "Shopping"}, auth=AUTH)
    assert_request(renamed.calls.last.request, "PATCH", "/users/@me/lists/L9", body={"title": "Shopping"})
    assert result.ret == {"id": "L9", "title": "Shopping", "updated": "2026-12-01T09:00:00.000Z"}

    result = await run_action(catalog.action("google_tasks-delete-task-list"), {"taskListId": "L9"}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", "/users/@me/lists/L9")
    assert result.ret == {"id": "L9", "deleted": True}


async def test_list_tasks_filters_by_due_range_and_returns_trimmed_tasks(catalog, respx_mock):
    sub = _task("dGFza19zdWI", "Pick seats", parent=TASK_ID, position="00000000000000000001")
    route = respx_mock.get(f"{API}/lists/{LIST_ID}/tasks").mock(return_value=httpx.Response(200, json={
        "kind": "tasks#tasks", "etag": "\"t\"", "items": [_task(), sub]}))
    result = await run_action(catalog.action("google_tasks-list-tasks"), {
        "taskListId": LIST_ID, "dueMin": "2026-12-01", "dueMax": "2026-12-31", "limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/lists/{LIST_ID}/tasks", params={
        "showCompleted": "false", "showHidden": "false", "dueMin": "2026-12-01T00:00:00.000Z",
        "dueMax": "2026-12-31T23:59:59.999Z", "maxResults": "10"})
    assert result.ret == {"tasks": [_summary(_task()), _summary(sub)], "next_cursor": None}
    assert result.ret["tasks"][1]["parent"] == TASK_ID


async def test_list_tasks_with_completed_ones_asks_for_hidden_ones_too(catalog, respx_mock):
    done = _task(status="completed", completed="2026-12-02T10:00:00.000Z", hidden=True)
    route = respx_mock.get(f"{API}/lists/{LIST_ID}/tasks").mock(return_value=httpx.Response(200, json={
        "kind": "tasks#tasks", "etag": "\"t\"", "items": [done]}))
    result = await run_action(catalog.action("google_tasks-list-tasks"), {"taskListId": LIST_ID, "showCompleted": True}, auth=AUTH)
    assert route.calls.last.request.url.params["showCompleted"] == "true"
    assert route.calls.last.request.url.params["showHidden"] == "true"
    assert result.ret["tasks"][0]["completed"] == "2026-12-02T10:00:00.000Z"


async def test_list_tasks_refuses_a_due_date_that_is_not_a_date(catalog, respx_mock):
    result = await run_action(catalog.action("google_tasks-list-tasks"), {"taskListId": LIST_ID, "dueMin": "next week"}, auth=AUTH)
    assert "must be a date such as `2026-12-24`" in result.error
    assert not respx_mock.calls


async def test_get_task_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    route = respx_mock.get(f"{API}/lists/{LIST_ID}/tasks/{TASK_ID}").mock(return_value=httpx.Response(200, json=_task()))
    result = await run_action(catalog.action("google_tasks-get-task"), {"taskListId": LIST_ID, "taskId": TASK_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/lists/{LIST_ID}/tasks/{TASK_ID}")
    assert result.ret == _summary(_task())
    whole = await run_action(catalog.action("google_tasks-get-task"),
                             {"taskListId": LIST_ID, "taskId": TASK_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _task()


async def test_create_task_as_a_subtask_with_notes_and_due_date(catalog, respx_mock):
    route = respx_mock.post(f"{API}/lists/{LIST_ID}/tasks").mock(
        return_value=httpx.Response(200, json=_task("dGFza19uZXc", "Pack bags", parent=TASK_ID)))
    result = await run_action(catalog.action("google_tasks-create-task"), {
        "taskListId": LIST_ID, "title": "Pack bags", "notes": "Passports!", "due": "2026-12-19T18:00:00+01:00",
        "parent": TASK_ID}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/lists/{LIST_ID}/tasks", params={"parent": TASK_ID},
                   body={"title": "Pack bags", "notes": "Passports!", "due": "2026-12-19T00:00:00.000Z"})
    assert result.ret["parent"] == TASK_ID and result.summary == "Added the task 'Pack bags'"


async def test_update_task_sends_only_what_changes_and_reopening_clears_completion(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/lists/{LIST_ID}/tasks/{TASK_ID}").mock(return_value=httpx.Response(200, json=_task()))
    result = await run_action(catalog.action("google_tasks-update-task"), {
        "taskListId": LIST_ID, "taskId": TASK_ID, "title": "Book flights to Lisbon", "clearDue": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"/lists/{LIST_ID}/tasks/{TASK_ID}",
                   body={"title": "Book flights to Lisbon", "due": None})
    await run_action(catalog.action("google_tasks-update-task"),
                     {"taskListId": LIST_ID, "taskId": TASK_ID, "status": "needsAction"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"status": "needsAction", "completed": None}


async def test_update_task_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("google_tasks-update-task"), {"taskListId": LIST_ID, "taskId": TASK_ID}, auth=AUTH)
    assert result.error.startswith("nothing to change")
    assert not respx_mock.calls


async def test_complete_task_marks_it_completed(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/lists/{LIST_ID}/tasks/{TASK_ID}").mock(return_value=httpx.Response(200, json=_task(
        status="completed", completed="2026-12-06T12:00:00.000Z")))
    result = await run_action(catalog.action("google_tasks-complete-task"), {"taskListId": LIST_ID, "taskId": TASK_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "PATCH", f"/lists/{LIST_ID}/tasks/{TASK_ID}", body={"status": "completed"})
    assert result.ret["status"] == "completed" and result.summary == "Completed the task 'Book flights'"


async def test_move_task_under_a_parent_after_a_sibling(catalog, respx_mock):
    route = respx_mock.post(f"{API}/lists/{LIST_ID}/tasks/{TASK_ID}/move").mock(return_value=httpx.Response(200, json=_task(parent="P1")))
    result = await run_action(catalog.action("google_tasks-move-task"),
                              {"taskListId": LIST_ID, "taskId": TASK_ID, "parent": "P1", "previous": "S1"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/lists/{LIST_ID}/tasks/{TASK_ID}/move", params={"parent": "P1", "previous": "S1"})
    assert result.ret["parent"] == "P1"


async def test_delete_task_and_clear_completed(catalog, respx_mock):
    deleted = respx_mock.delete(f"{API}/lists/{LIST_ID}/tasks/{TASK_ID}").mock(return_value=httpx.Response(204))
    cleared = respx_mock.post(f"{API}/lists/{LIST_ID}/clear").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("google_tasks-delete-task"), {"taskListId": LIST_ID, "taskId": TASK_ID}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", f"/lists/{LIST_ID}/tasks/{TASK_ID}")
    assert result.ret == {"id": TASK_ID, "deleted": True}
    result = await run_action(catalog.action("google_tasks-clear-completed-tasks"), {"taskListId": LIST_ID}, auth=AUTH)
    assert_request(cleared.calls.last.request, "POST", f"/lists/{LIST_ID}/clear")
    assert result.ret == {"task_list_id": LIST_ID, "cleared": True}


async def test_task_list_and_task_options_page_through_the_users_lists(catalog, respx_mock):
    lists = respx_mock.get(f"{API}/users/@me/lists").mock(side_effect=[
        httpx.Response(200, json={"kind": "tasks#taskLists", "etag": "\"e\"", "nextPageToken": "n2", "items": [_task_list()]}),
        httpx.Response(200, json={"kind": "tasks#taskLists", "etag": "\"e\"", "items": [_task_list("L2", "Groceries")]}),
    ])
    action = catalog.action("google_tasks-create-task")
    first = await fetch_options(action, "taskListId", {}, auth=AUTH)
    assert first["options"] == [{"label": "My Tasks", "value": LIST_ID}] and first["context"] == {"pageToken": "n2"}
    second = await fetch_options(action, "taskListId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Groceries", "value": "L2"}] and second["context"] is None
    assert lists.calls[1].request.url.params["pageToken"] == "n2"

    tasks = respx_mock.get(f"{API}/lists/{LIST_ID}/tasks").mock(return_value=httpx.Response(200, json={
        "kind": "tasks#tasks", "etag": "\"t\"", "items": [_task()]}))
    page = await fetch_options(action, "parent", {"taskListId": LIST_ID}, auth=AUTH)
    assert page["options"] == [{"label": "Book flights", "value": TASK_ID}]
    assert dict(tasks.calls.last.request.url.params) == {"maxResults": "100", "showCompleted": "true", "showHidden": "true"}


async def test_task_options_ask_for_the_list_first(catalog, respx_mock):
    response = await fetch_options(catalog.action("google_tasks-get-task"), "taskId", {}, auth=AUTH)
    assert response["options"] == [] and "choose the task list (taskListId) first" in response["errors"][0]
    assert not respx_mock.calls


async def test_a_missing_scope_and_a_rate_limit_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/lists/{LIST_ID}/tasks/{TASK_ID}").mock(side_effect=[
        httpx.Response(403, json={"error": {"code": 403, "message": "Request had insufficient authentication scopes.",
                                             "errors": [{"message": "Insufficient Permission", "domain": "global", "reason": "insufficientPermissions"}],
                                             "status": "PERMISSION_DENIED"}}),
        httpx.Response(429, headers={"Retry-After": "30"}, json={"error": {"code": 429, "message": "Quota exceeded",
                                                                           "status": "RESOURCE_EXHAUSTED"}}),
    ])
    action = catalog.action("google_tasks-get-task")
    scope = await run_action(action, {"taskListId": LIST_ID, "taskId": TASK_ID}, auth=AUTH)
    assert "reconnect Google Tasks and approve it" in scope.error
    limited = await run_action(action, {"taskListId": LIST_ID, "taskId": TASK_ID}, auth=AUTH)
    assert "rate limited by Google Tasks; retry after 30 s" in limited.error
