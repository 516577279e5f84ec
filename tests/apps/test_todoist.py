import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.todoist.com/api/v1"
AUTH = {"oauth_access_token": "todoist-token-1"}
TASK_ID = "6X7rM8997g3RQmvh"
PROJECT_ID = "6Jf8VQXxpwv56VQ7"


def _task(task_id=TASK_ID, content="Buy milk", **extra):
    return {
        "user_id": "2671355", "id": task_id, "project_id": PROJECT_ID, "section_id": None, "parent_id": None,
        "added_by_uid": "2671355", "assigned_by_uid": None, "responsible_uid": None, "labels": ["errand"],
        "deadline": None, "duration": None, "checked": False, "is_deleted": False,
        "added_at": "2026-12-01T09:00:00.000000Z", "completed_at": None, "updated_at": "2026-12-01T09:00:00.000000Z",
        "due": {"date": "2026-12-08", "timezone": None, "string": "tomorrow", "lang": "en", "is_recurring": False},
        "priority": 1, "child_order": 1, "content": content, "description": "", "note_count": 0, "day_order": -1,
        "is_collapsed": False, **extra,
    }


def _project(project_id=PROJECT_ID, name="Groceries"):
    return {"id": project_id, "name": name, "color": "charcoal", "parent_id": None, "child_order": 1,
            "is_favorite": False, "is_archived": False, "is_shared": False, "inbox_project": False,
            "view_style": "list", "description": "", "created_at": "2026-11-01T09:00:00.000000Z",
            "updated_at": "2026-11-01T09:00:00.000000Z"}


def _summary(task):
    return {"id": task["id"], "content": task["content"], "description": task["description"], "project_id": task["project_id"],
            "section_id": task["section_id"], "parent_id": task["parent_id"], "labels": task["labels"],
            "priority": task["priority"], "due": {"date": "2026-12-08", "string": "tomorrow", "is_recurring": False},
            "deadline": None, "checked": False, "responsible_uid": None, "added_at": task["added_at"], "completed_at": None}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer todoist-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_list_projects_follows_the_cursor_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/projects").mock(side_effect=[
        httpx.Response(200, json={"results": [_project(), _project("P2", "Work")], "next_cursor": "c2"}),
        httpx.Response(200, json={"results": [_project("P3", "Home")], "next_cursor": "c3"}),
    ])
    result = await run_action(catalog.action("todoist-list-projects"), {"limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/projects", params={"limit": "3"})
    assert_request(route.calls[1].request, "GET", "/projects", params={"limit": "1", "cursor": "c2"})
    assert [p["name"] for p in result.ret["projects"]] == ["Groceries", "Work", "Home"]
    assert result.ret["projects"][0] == {"id": PROJECT_ID, "name": "Groceries", "parent_id": None, "color": "charcoal",
                                         "is_favorite": False, "is_shared": False, "inbox_project": False, "view_style": "list"}
    assert result.ret["next_cursor"] == "c3" and result.summary == "Listed 3 projects"


async def test_create_project_under_a_parent(catalog, respx_mock):
    route = respx_mock.post(f"{API}/projects").mock(return_value=httpx.Response(200, json=_project("P9", "Kitchen")))
    result = await run_action(catalog.action("todoist-create-project"), {
        "name": "Kitchen", "parentId": PROJECT_ID, "color": "blue", "isFavorite": True, "viewStyle": "board"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/projects", body={
        "name": "Kitchen", "parent_id": PROJECT_ID, "color": "blue", "view_style": "board", "is_favorite": True})
    assert result.ret["id"] == "P9" and result.summary == "Created the project 'Kitchen'"


async def test_list_sections_and_labels(catalog, respx_mock):
    sections = respx_mock.get(f"{API}/sections").mock(return_value=httpx.Response(200, json={"results": [
        {"id": "S1", "user_id": "2671355", "project_id": PROJECT_ID, "added_at": "2026-11-01T09:00:00Z", "updated_at": None,
         "archived_at": None, "name": "Dairy", "section_order": 1, "is_archived": False, "is_deleted": False,
         "is_collapsed": False}], "next_cursor": None}))
    result = await run_action(catalog.action("todoist-list-sections"), {"projectId": PROJECT_ID}, auth=AUTH)
    assert_request(sections.calls.last.request, "GET", "/sections", params={"project_id": PROJECT_ID, "limit": "25"})
    assert result.ret == {"sections": [{"id": "S1", "name": "Dairy", "project_id": PROJECT_ID, "section_order": 1}], "next_cursor": None}

    labels = respx_mock.get(f"{API}/labels").mock(return_value=httpx.Response(200, json={"results": [
        {"id": "L1", "name": "errand", "color": "red", "order": 1, "is_favorite": True}], "next_cursor": None}))
    result = await run_action(catalog.action("todoist-list-labels"), {}, auth=AUTH)
    assert_request(labels.calls.last.request, "GET", "/labels", params={"limit": "25"})
    assert result.ret["labels"] == [{"id": "L1", "name": "errand", "color": "red", "is_favorite": True}]


async def test_list_tasks_by_project_or_by_filter(catalog, respx_mock):
    tasks = respx_mock.get(f"{API}/tasks").mock(return_value=httpx.Response(200, json={"results": [_task()], "next_cursor": None}))
    result = await run_action(catalog.action("todoist-list-tasks"), {"projectId": PROJECT_ID, "label": "errand"}, auth=AUTH)
    assert_request(tasks.calls.last.request, "GET", "/tasks", params={"project_id": PROJECT_ID, "label": "errand", "limit": "25"})
    assert result.ret == {"tasks": [_summary(_task())], "next_cursor": None}

    filtered = respx_mock.get(f"{API}/tasks/filter").mock(return_value=httpx.Response(200, json={"results": [_task()], "next_cursor": "n2"}))
    result = await run_action(catalog.action("todoist-list-tasks"), {"filter": "today | overdue", "limit": 1}, auth=AUTH)
    assert_request(filtered.calls.last.request, "GET", "/tasks/filter", params={"query": "today | overdue", "limit": "1"})
    assert result.ret["next_cursor"] == "n2"


async def test_a_filter_is_not_combined_with_a_project(catalog, respx_mock):
    result = await run_action(catalog.action("todoist-list-tasks"), {"filter": "today", "projectId": PROJECT_ID}, auth=AUTH)
    assert "cannot be combined" in result.error
    assert not respx_mock.calls


async def test_get_task_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tasks/{TASK_ID}").mock(return_value=httpx.Response(200, json=_task()))
    result = await run_action(catalog.action("todoist-get-task"), {"taskId": TASK_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/tasks/{TASK_ID}")
    assert result.ret == _summary(_task()) and result.summary == "Read the task 'Buy milk'"
    whole = await run_action(catalog.action("todoist-get-task"), {"taskId": TASK_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _task()


async def test_create_task_sends_todoists_fields(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tasks").mock(return_value=httpx.Response(200, json=_task(priority=4)))
    result = await run_action(catalog.action("todoist-create-task"), {
        "content": "Buy milk", "projectId": PROJECT_ID, "sectionId": "S1", "labels": ["errand"], "priority": 4,
        "dueString": "tomorrow", "dueLang": "en", "deadlineDate": "2026-12-10"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/tasks", body={
        "content": "Buy milk", "project_id": PROJECT_ID, "section_id": "S1", "labels": ["errand"], "priority": 4,
        "due_string": "tomorrow", "due_lang": "en", "deadline_date": "2026-12-10"})
    assert result.ret["priority"] == 4 and result.summary == "Added the task 'Buy milk'"


async def test_create_task_takes_one_due_form(catalog, respx_mock):
    result = await run_action(catalog.action("todoist-create-task"),
                              {"content": "x", "dueString": "tomorrow", "dueDate": "2026-12-08"}, auth=AUTH)
    assert result.error == "give one of dueString, dueDate or dueDatetime, not several"
    assert not respx_mock.calls


async def test_quick_add_task_parses_one_line(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tasks/quick").mock(return_value=httpx.Response(200, json=_task(content="Send invoice")))
    result = await run_action(catalog.action("todoist-quick-add-task"), {
        "text": "Send invoice tomorrow 9am #Work p1", "note": "for ACME", "autoReminder": True}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/tasks/quick", body={
        "text": "Send invoice tomorrow 9am #Work p1", "note": "for ACME", "auto_reminder": True})
    assert result.ret["content"] == "Send invoice"


async def test_update_task_sends_only_what_changes(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tasks/{TASK_ID}").mock(return_value=httpx.Response(200, json=_task(content="Buy oat milk")))
    result = await run_action(catalog.action("todoist-update-task"), {
        "taskId": TASK_ID, "content": "Buy oat milk", "labels": [], "dueDate": "2026-12-09"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/tasks/{TASK_ID}", body={
        "content": "Buy oat milk", "labels": [], "due_date": "2026-12-09"})
    assert result.summary == "Updated the task 'Buy oat milk'"
    empty = await run_action(catalog.action("todoist-update-task"), {"taskId": TASK_ID}, auth=AUTH)
    assert empty.error.startswith("nothing to change")


async def test_complete_and_delete_task(catalog, respx_mock):
    closed = respx_mock.post(f"{API}/tasks/{TASK_ID}/close").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("todoist-complete-task"), {"taskId": TASK_ID}, auth=AUTH)
    assert_request(closed.calls.last.request, "POST", f"/tasks/{TASK_ID}/close")
    assert result.ret == {"id": TASK_ID, "completed": True}

    deleted = respx_mock.delete(f"{API}/tasks/{TASK_ID}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("todoist-delete-task"), {"taskId": TASK_ID}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", f"/tasks/{TASK_ID}")
    assert result.ret == {"id": TASK_ID, "deleted": True} and result.summary == "Deleted the task"


async def test_create_comment_on_a_task(catalog, respx_mock):
    route = respx_mock.post(f"{API}/comments").mock(return_value=httpx.Response(200, json={
        "id": "C1", "posted_uid": "2671355", "content": "Done by Friday", "file_attachment": None, "uids_to_notify": None,
        "is_deleted": False, "posted_at": "2026-12-07T10:00:00.000000Z", "reactions": None, "item_id": TASK_ID}))
    result = await run_action(catalog.action("todoist-create-comment"), {"content": "Done by Friday", "taskId": TASK_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/comments", body={"content": "Done by Friday", "task_id": TASK_ID})
    assert result.ret == {"id": "C1", "content": "Done by Friday", "task_id": TASK_ID, "project_id": None,
                          "posted_at": "2026-12-07T10:00:00.000000Z", "file_attachment": None}
    neither = await run_action(catalog.action("todoist-create-comment"), {"content": "x"}, auth=AUTH)
    assert neither.error.startswith("give either taskId or projectId")


async def test_project_task_and_label_options(catalog, respx_mock):
    projects = respx_mock.get(f"{API}/projects").mock(side_effect=[
        httpx.Response(200, json={"results": [_project()], "next_cursor": "c2"}),
        httpx.Response(200, json={"results": [_project("P2", "Work")], "next_cursor": None}),
    ])
    action = catalog.action("todoist-create-task")
    first = await fetch_options(action, "projectId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Groceries", "value": PROJECT_ID}] and first["context"] == {"cursor": "c2"}
    second = await fetch_options(action, "projectId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Work", "value": "P2"}] and second["context"] is None
    assert dict(projects.calls[1].request.url.params) == {"limit": "200", "cursor": "c2"}

    tasks = respx_mock.get(f"{API}/tasks").mock(return_value=httpx.Response(200, json={"results": [_task()], "next_cursor": None}))
    page = await fetch_options(action, "parentId", {"projectId": PROJECT_ID}, auth=AUTH)
    assert page["options"] == [{"label": "Buy milk", "value": TASK_ID}]
    assert dict(tasks.calls.last.request.url.params) == {"project_id": PROJECT_ID, "limit": "200"}

    respx_mock.get(f"{API}/labels").mock(return_value=httpx.Response(200, json={"results": [
        {"id": "L1", "name": "errand", "color": "red", "order": 1, "is_favorite": False}], "next_cursor": None}))
    page = await fetch_options(action, "labels", {}, auth=AUTH)
    assert page["options"] == [{"label": "errand", "value": "errand"}]


async def test_todoist_errors_say_what_to_fix_and_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/tasks/{TASK_ID}").mock(side_effect=[
        httpx.Response(404, json={"error": "Task not found", "error_code": 478, "error_extra": {"event_id": "e1"},
                                  "error_tag": "NOT_FOUND", "http_code": 404}),
        httpx.Response(429, json={"error": "Too many requests", "error_extra": {"event_id": "e2", "retry_after": 30},
                                  "http_code": 429}),
    ])
    action = catalog.action("todoist-get-task")
    missing = (await run_action(action, {"taskId": TASK_ID}, auth=AUTH)).error
    assert "Task not found" in missing and "todoist-list-tasks" in missing
    assert "rate limited by Todoist; retry after 30 s" in (await run_action(action, {"taskId": TASK_ID}, auth=AUTH)).error

    respx_mock.post(f"{API}/tasks").mock(return_value=httpx.Response(400, json={
        "error": "Invalid argument value", "error_code": 20, "error_extra": {"argument": "content", "expected": "minlen"},
        "error_tag": "INVALID_ARGUMENT_VALUE", "http_code": 400}))
    invalid = (await run_action(catalog.action("todoist-create-task"), {"content": " "}, auth=AUTH)).error
    assert "a value is not one Todoist accepts: check `content`" in invalid
