import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

GRAPH = "https://graph.microsoft.com/v1.0"
AUTH = {"oauth_access_token": "eyJ0eXAiOiJKV1Qi.todo"}
LIST = "AAMkADIyAAAAABrJAAA="
TASK = "AAMkADIyAAAAAAcAAA="


def _task(task_id=TASK, title="Renew passport", status="notStarted"):
    return {"@odata.etag": "W/\"xzyPKP0BiUGgld+lMKXwbQAAgdhkVw==\"", "importance": "high", "isReminderOn": False,
            "status": status, "title": title, "createdDateTime": "2026-12-01T09:00:00.0000000Z",
            "lastModifiedDateTime": "2026-12-02T10:00:00.0000000Z", "id": task_id,
            "body": {"content": "Bring photos", "contentType": "text"},
            "dueDateTime": {"dateTime": "2026-12-20T00:00:00.0000000", "timeZone": "UTC"}}


SUMMARY = {"id": TASK, "title": "Renew passport", "status": "notStarted", "importance": "high", "notes": "Bring photos",
           "due": "2026-12-20", "completed": None, "reminder": None, "modified": "2026-12-02T10:00:00.0000000Z"}


def _list(list_id=LIST, name="Tasks"):
    return {"@odata.etag": "W/\"xzyPKP0BiUGgld+lMKXwbQAAgdhkVw==\"", "displayName": name, "isOwner": True,
            "isShared": False, "wellknownListName": "defaultList", "id": list_id}


def assert_graph(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer eyJ0eXAiOiJKV1Qi.todo"
    if body is not None:
        assert json.loads(request.content) == body


async def test_list_task_lists_and_create_one(catalog, respx_mock):
    listed = respx_mock.get(f"{GRAPH}/me/todo/lists").mock(return_value=httpx.Response(200, json={"value": [_list()]}))
    result = await run_action(catalog.action("microsoft_to_do-list-task-lists"), {}, auth=AUTH)
    assert_graph(listed.calls.last.request, "GET", f"{GRAPH}/me/todo/lists", params={"$top": "25"})
    assert result.ret == {"lists": [{"id": LIST, "name": "Tasks", "kind": "defaultList", "shared": False}], "next_cursor": None}
    created = respx_mock.post(f"{GRAPH}/me/todo/lists").mock(return_value=httpx.Response(201, json=_list("L2", "Groceries")))
    result = await run_action(catalog.action("microsoft_to_do-create-task-list"), {"name": "Groceries"}, auth=AUTH)
    assert_graph(created.calls.last.request, "POST", f"{GRAPH}/me/todo/lists", body={"displayName": "Groceries"})
    assert result.ret["name"] == "Groceries"


async def test_list_tasks_leaves_out_completed_ones_and_pages_by_the_next_link(catalog, respx_mock):
    next_link = f"{GRAPH}/me/todo/lists/{LIST}/tasks?$top=1&$skip=1"
    route = respx_mock.get(f"{GRAPH}/me/todo/lists/{LIST}/tasks").mock(side_effect=[
        httpx.Response(200, json={"value": [_task()], "@odata.nextLink": next_link}),
        httpx.Response(200, json={"value": [_task("T2", "Book flights")]}),
    ])
    action = catalog.action("microsoft_to_do-list-tasks")
    first = await run_action(action, {"listId": LIST, "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_graph(route.calls[0].request, "GET", f"{GRAPH}/me/todo/lists/{LIST}/tasks",
                 params={"$top": "1", "$filter": "status ne 'completed'"})
    assert first.ret == {"tasks": [SUMMARY], "next_cursor": next_link}
    second = await run_action(action, {"listId": LIST, "cursor": next_link}, auth=AUTH)
    assert str(route.calls[1].request.url) == next_link and second.ret["next_cursor"] is None


async def test_get_create_update_complete_and_delete(catalog, respx_mock):
    path = f"{GRAPH}/me/todo/lists/{LIST}/tasks"
    got = respx_mock.get(f"{path}/{TASK}").mock(return_value=httpx.Response(200, json=_task()))
    result = await run_action(catalog.action("microsoft_to_do-get-task"), {"listId": LIST, "taskId": TASK}, auth=AUTH)
    assert_graph(got.calls.last.request, "GET", f"{path}/{TASK}")
    assert result.ret == SUMMARY
    whole = await run_action(catalog.action("microsoft_to_do-get-task"), {"listId": LIST, "taskId": TASK, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _task()

    created = respx_mock.post(path).mock(return_value=httpx.Response(201, json=_task()))
    await run_action(catalog.action("microsoft_to_do-create-task"), {
        "listId": LIST, "title": "Renew passport", "notes": "Bring photos", "dueDate": "2026-12-20",
        "timezone": "Europe/Berlin", "importance": "high"}, auth=AUTH)
    assert_graph(created.calls.last.request, "POST", path, body={
        "title": "Renew passport", "body": {"content": "Bring photos", "contentType": "text"},
        "dueDateTime": {"dateTime": "2026-12-20T00:00:00", "timeZone": "Europe/Berlin"}, "importance": "high"})

    patched = respx_mock.patch(f"{path}/{TASK}").mock(return_value=httpx.Response(200, json=_task(status="completed")))
    await run_action(catalog.action("microsoft_to_do-update-task"), {"listId": LIST, "taskId": TASK, "status": "inProgress"}, auth=AUTH)
    assert json.loads(patched.calls.last.request.content) == {"status": "inProgress"}
    result = await run_action(catalog.action("microsoft_to_do-complete-task"), {"listId": LIST, "taskId": TASK}, auth=AUTH)
    assert json.loads(patched.calls.last.request.content) == {"status": "completed"} and result.ret["status"] == "completed"
    nothing = await run_action(catalog.action("microsoft_to_do-update-task"), {"listId": LIST, "taskId": TASK}, auth=AUTH)
    assert nothing.error.startswith("nothing to change")

    deleted = respx_mock.delete(f"{path}/{TASK}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("microsoft_to_do-delete-task"), {"listId": LIST, "taskId": TASK}, auth=AUTH)
    assert deleted.called and result.ret == {"id": TASK, "deleted": True}


async def test_a_due_date_that_is_not_a_date_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("microsoft_to_do-create-task"),
                              {"listId": LIST, "title": "x", "dueDate": "next friday"}, auth=AUTH)
    assert result.error == "due date 'next friday' must be a date such as `2026-12-24`"
    assert not respx_mock.calls


async def test_list_and_task_options(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me/todo/lists").mock(return_value=httpx.Response(200, json={"value": [_list()]}))
    tasks = respx_mock.get(f"{GRAPH}/me/todo/lists/{LIST}/tasks").mock(return_value=httpx.Response(200, json={"value": [_task()]}))
    action = catalog.action("microsoft_to_do-get-task")
    lists = await fetch_options(action, "listId", {}, auth=AUTH)
    assert lists["options"] == [{"label": "Tasks", "value": LIST}]
    found = await fetch_options(action, "taskId", {"listId": LIST}, auth=AUTH)
    assert found["options"] == [{"label": "Renew passport", "value": TASK}]
    assert dict(tasks.calls.last.request.url.params) == {"$select": "id,title", "$top": "100"}
    first = await fetch_options(action, "taskId", {}, auth=AUTH)
    assert "choose the task list (listId) first" in first["errors"][0]


async def test_a_missing_task_says_how_to_find_it(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me/todo/lists/{LIST}/tasks/{TASK}").mock(return_value=httpx.Response(404, json={"error": {
        "code": "ErrorItemNotFound", "message": "The specified object was not found in the store."}}))
    result = await run_action(catalog.action("microsoft_to_do-get-task"), {"listId": LIST, "taskId": TASK}, auth=AUTH)
    assert "microsoft_to_do-list-tasks" in result.error
