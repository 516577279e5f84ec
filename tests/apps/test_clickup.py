import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.clickup.com/api/v2"
AUTH = {"oauth_access_token": "cu-oauth-token"}
TEAM = "9012345678"
SPACE = "790"
FOLDER = "457"
LIST = "124"
TASK = "9hx"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert sorted(request.url.params.multi_items()) == sorted(_flat(params or {}))
    # ClickUp takes the token bare, without a scheme.
    assert request.headers["authorization"] == "cu-oauth-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _flat(params):
    return [(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])]


def _task(task_id=TASK, name="Updated Task Name", **extra):
    return {
        "id": task_id, "custom_id": None, "name": name, "text_content": "New Task Description",
        "description": "New Task Description", "status": {"status": "in progress", "color": "#d3d3d3", "orderindex": 1,
                                                          "type": "custom"},
        "orderindex": "1.00000000000000000000000000000000", "date_created": "1567780450202",
        "date_updated": "1567780450202", "date_closed": None, "creator": {"id": 183, "username": "John Doe",
                                                                          "color": "#827718", "profilePicture": None},
        "assignees": [{"id": 183, "username": "John Doe", "email": "john@example.com", "color": "#827718"}],
        "tags": [{"name": "urgent", "tag_fg": "#000000", "tag_bg": "#000000"}], "parent": None,
        "priority": {"id": "2", "priority": "high", "color": "#ffcc00"}, "due_date": "1508369194377",
        "start_date": None, "time_estimate": None, "list": {"id": LIST, "name": "List"},
        "folder": {"id": FOLDER}, "space": {"id": SPACE}, "url": f"https://app.clickup.com/t/{task_id}", **extra,
    }


def _summary(task):
    return {"id": task["id"], "custom_id": None, "name": task["name"], "description": "New Task Description",
            "status": "in progress", "priority": "high",
            "assignees": [{"id": 183, "username": "John Doe", "email": "john@example.com"}], "tags": ["urgent"],
            "due_date": "2017-10-18T23:26:34.377000Z", "start_date": None, "date_created": "2019-09-06T14:34:10.202000Z",
            "date_updated": "2019-09-06T14:34:10.202000Z", "date_closed": None, "parent": task.get("parent"),
            "list": {"id": LIST, "name": "List"}, "url": task["url"]}


TEAMS = {"teams": [{"id": TEAM, "name": "My ClickUp Workspace", "color": "#000000", "avatar": None, "members": [
    {"user": {"id": 183, "username": "John Doe", "email": "john@example.com", "color": "#000000",
              "profilePicture": None, "initials": "JD", "role": 1}}]}]}


async def test_list_workspaces_returns_members_as_assignable_users(catalog, respx_mock):
    route = respx_mock.get(f"{API}/team").mock(return_value=httpx.Response(200, json=TEAMS))
    result = await run_action(catalog.action("clickup-list-workspaces"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/team")
    assert result.ret == {"workspaces": [{"id": TEAM, "name": "My ClickUp Workspace", "color": "#000000",
                                          "members": [{"id": 183, "username": "John Doe", "email": "john@example.com"}]}]}
    assert result.summary == "Listed 1 workspace"


async def test_list_spaces_folders_and_lists(catalog, respx_mock):
    spaces = respx_mock.get(f"{API}/team/{TEAM}/space").mock(return_value=httpx.Response(200, json={"spaces": [
        {"id": SPACE, "name": "Updated Space Name", "private": False, "statuses": [
            {"status": "to do", "type": "open", "orderindex": 0, "color": "#d3d3d3"},
            {"status": "complete", "type": "closed", "orderindex": 1, "color": "#6bc950"}],
         "multiple_assignees": False, "features": {}, "archived": False}]}))
    folders = respx_mock.get(f"{API}/space/{SPACE}/folder").mock(return_value=httpx.Response(200, json={"folders": [
        {"id": FOLDER, "name": "Updated Folder Name", "orderindex": 0, "override_statuses": False, "hidden": False,
         "space": {"id": SPACE, "name": "Space Name", "access": True}, "task_count": "0",
         "lists": [{"id": LIST, "name": "List"}]}]}))
    in_folder = respx_mock.get(f"{API}/folder/{FOLDER}/list").mock(return_value=httpx.Response(200, json={"lists": [
        {"id": LIST, "name": "Updated List Name", "orderindex": 1, "content": "Updated List Content",
         "status": {"status": "red", "color": "#e50000", "hide_label": True}, "priority": None, "assignee": None,
         "task_count": None, "due_date": "1567780450202", "start_date": None,
         "folder": {"id": FOLDER, "name": "Folder Name", "hidden": False, "access": True},
         "space": {"id": SPACE, "name": "Space Name", "access": True}, "archived": False}]}))
    folderless = respx_mock.get(f"{API}/space/{SPACE}/list").mock(return_value=httpx.Response(200, json={"lists": []}))

    result = await run_action(catalog.action("clickup-list-spaces"), {"workspaceId": TEAM}, auth=AUTH)
    assert_request(spaces.calls.last.request, "GET", f"/team/{TEAM}/space", params={"archived": "false"})
    assert result.ret == {"spaces": [{"id": SPACE, "name": "Updated Space Name", "private": False, "archived": False,
                                      "statuses": ["to do", "complete"]}]}

    result = await run_action(catalog.action("clickup-list-folders"), {"workspaceId": TEAM, "spaceId": SPACE,
                                                                       "archived": True}, auth=AUTH)
    assert_request(folders.calls.last.request, "GET", f"/space/{SPACE}/folder", params={"archived": "true"})
    assert result.ret["folders"][0]["lists"] == [{"id": LIST, "name": "List"}]

    result = await run_action(catalog.action("clickup-list-lists"), {"folderId": FOLDER}, auth=AUTH)
    assert_request(in_folder.calls.last.request, "GET", f"/folder/{FOLDER}/list", params={"archived": "false"})
    assert result.ret["lists"][0] == {
        "id": LIST, "name": "Updated List Name", "content": "Updated List Content", "task_count": None,
        "due_date": "2019-09-06T14:34:10.202000Z", "status": "red", "archived": False,
        "folder": {"id": FOLDER, "name": "Folder Name"}, "space": {"id": SPACE, "name": "Space Name"}}

    result = await run_action(catalog.action("clickup-list-lists"), {"spaceId": SPACE}, auth=AUTH)
    assert_request(folderless.calls.last.request, "GET", f"/space/{SPACE}/list", params={"archived": "false"})
    assert result.ret == {"lists": []}

    result = await run_action(catalog.action("clickup-list-lists"), {}, auth=AUTH)
    assert result.error == "give a folderId (lists in a folder) or a spaceId (lists outside folders)"


async def test_list_tasks_filters_and_pages_through_clickups_pages_of_100(catalog, respx_mock):
    first = [_task(f"t{i}") for i in range(100)]
    route = respx_mock.get(f"{API}/list/{LIST}/task").mock(side_effect=[
        httpx.Response(200, json={"tasks": first, "last_page": False}),
        httpx.Response(200, json={"tasks": [_task("t100"), _task("t101")], "last_page": True}),
        httpx.Response(200, json={"tasks": first, "last_page": False}),
    ])
    action = catalog.action("clickup-list-tasks")
    result = await run_action(action, {
        "listId": LIST, "statuses": ["to do", "in progress"], "assignees": ["183"], "dueBefore": "2026-12-31",
        "orderBy": "due_date", "limit": 60, "cursor": "50"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", f"/list/{LIST}/task", params={
        "include_closed": "false", "subtasks": "false", "statuses[]": ["to do", "in progress"], "assignees[]": ["183"],
        "due_date_lt": "1798675200000", "order_by": "due_date", "page": "0"})
    assert route.calls[1].request.url.params["page"] == "1"
    assert [t["id"] for t in result.ret["tasks"]] == [f"t{i}" for i in range(50, 102)]
    assert result.ret["tasks"][0] == _summary(_task("t50"))
    assert result.ret["next_cursor"] is None and result.summary == "Listed 52 tasks"

    partial = await run_action(action, {"listId": LIST, "limit": 10}, auth=AUTH)
    assert route.calls.last.request.url.params["page"] == "0"
    assert [t["id"] for t in partial.ret["tasks"]] == [f"t{i}" for i in range(10)] and partial.ret["next_cursor"] == "10"


async def test_list_tasks_stops_on_the_last_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/list/{LIST}/task").mock(
        return_value=httpx.Response(200, json={"tasks": [_task()], "last_page": True}))
    result = await run_action(catalog.action("clickup-list-tasks"), {"listId": LIST, "includeClosed": True,
                                                                     "tags": ["urgent"]}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/list/{LIST}/task", params={
        "include_closed": "true", "subtasks": "false", "tags[]": ["urgent"], "page": "0"})
    assert result.ret == {"tasks": [_summary(_task())], "next_cursor": None}


async def test_get_task_with_subtasks_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    task = _task(subtasks=[_task("sub1", "Child", parent=TASK)])
    route = respx_mock.get(f"{API}/task/{TASK}").mock(return_value=httpx.Response(200, json=task))
    result = await run_action(catalog.action("clickup-get-task"), {"taskId": TASK, "includeSubtasks": True}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/task/{TASK}", params={"include_subtasks": "true"})
    assert result.ret == {**_summary(task), "subtasks": [_summary(_task("sub1", "Child", parent=TASK))]}
    whole = await run_action(catalog.action("clickup-get-task"), {"taskId": TASK, "fullResponse": True}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/task/{TASK}")
    assert whole.ret == task


async def test_create_task_sends_clickups_fields_and_millisecond_dates(catalog, respx_mock):
    route = respx_mock.post(f"{API}/list/{LIST}/task").mock(return_value=httpx.Response(200, json=_task(name="New Task")))
    result = await run_action(catalog.action("clickup-create-task"), {
        "listId": LIST, "name": "New Task", "description": "New Task Description", "status": "to do", "priority": 2,
        "assignees": [183], "tags": ["urgent"], "dueDate": "2026-12-24", "startDate": "2026-12-20T09:00:00Z",
        "notifyAll": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/list/{LIST}/task", body={
        "name": "New Task", "description": "New Task Description", "status": "to do", "priority": 2,
        "assignees": [183], "tags": ["urgent"], "due_date": 1798070400000, "due_date_time": False,
        "start_date": 1797757200000, "start_date_time": True, "notify_all": True})
    assert result.ret["id"] == TASK and result.summary == "Created the task 'New Task'"


async def test_create_task_refuses_a_date_it_cannot_read(catalog, respx_mock):
    result = await run_action(catalog.action("clickup-create-task"), {"listId": LIST, "name": "A", "dueDate": "soon"},
                              auth=AUTH)
    assert "dueDate 'soon' must be a date such as `2026-12-24`" in result.error
    assert not respx_mock.calls


async def test_update_task_sends_only_what_changes(catalog, respx_mock):
    route = respx_mock.put(f"{API}/task/{TASK}").mock(return_value=httpx.Response(200, json=_task()))
    result = await run_action(catalog.action("clickup-update-task"), {
        "taskId": TASK, "status": "complete", "addAssignees": [182], "removeAssignees": [183]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PUT", f"/task/{TASK}", body={
        "status": "complete", "assignees": {"add": [182], "rem": [183]}})
    assert result.ret == _summary(_task())
    empty = await run_action(catalog.action("clickup-update-task"), {"taskId": TASK}, auth=AUTH)
    assert empty.error.startswith("nothing to change")


async def test_delete_task(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/task/{TASK}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("clickup-delete-task"), {"taskId": TASK}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"/task/{TASK}")
    assert result.ret == {"id": TASK, "deleted": True} and result.summary == f"Deleted the task {TASK}"


def _comment(comment_id, date):
    return {"id": comment_id, "comment": [{"text": "Task comment content"}], "comment_text": "Task comment content",
            "user": {"id": 183, "username": "John Doe", "initials": "JD", "email": "johndoe@gmail.com",
                     "color": "#827718", "profilePicture": None},
            "resolved": False, "assignee": None, "assigned_by": None, "reactions": [], "date": date}


async def test_list_comments_pages_by_the_oldest_comment_seen(catalog, respx_mock):
    page = [_comment(str(500 - i), str(1568036964079 - i)) for i in range(25)]
    route = respx_mock.get(f"{API}/task/{TASK}/comment").mock(side_effect=[
        httpx.Response(200, json={"comments": page}),
        httpx.Response(200, json={"comments": [_comment("400", "1568036960000")]}),
    ])
    action = catalog.action("clickup-list-comments")
    result = await run_action(action, {"taskId": TASK, "limit": 30}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", f"/task/{TASK}/comment")
    assert_request(route.calls[1].request, "GET", f"/task/{TASK}/comment",
                   params={"start": "1568036964055", "start_id": "476"})
    assert len(result.ret["comments"]) == 26 and result.ret["next_cursor"] is None
    assert result.ret["comments"][0] == {"id": "500", "text": "Task comment content", "date": "2019-09-09T13:49:24.079000Z",
                                         "user": {"id": 183, "username": "John Doe", "email": "johndoe@gmail.com"},
                                         "resolved": False}

    respx_mock.get(f"{API}/task/{TASK}/comment").mock(return_value=httpx.Response(200, json={"comments": page}))
    short = await run_action(action, {"taskId": TASK, "limit": 2}, auth=AUTH)
    assert short.ret["next_cursor"] == "1568036964078:499"
    await run_action(action, {"taskId": TASK, "limit": 2, "cursor": short.ret["next_cursor"]}, auth=AUTH)
    assert dict(respx_mock.calls.last.request.url.params) == {"start": "1568036964078", "start_id": "499"}


async def test_create_comment(catalog, respx_mock):
    route = respx_mock.post(f"{API}/task/{TASK}/comment").mock(
        return_value=httpx.Response(200, json={"id": 458, "hist_id": "26508", "date": 1568036964079}))
    result = await run_action(catalog.action("clickup-create-comment"),
                              {"taskId": TASK, "commentText": "Looks good", "assignee": 183}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/task/{TASK}/comment",
                   body={"comment_text": "Looks good", "notify_all": False, "assignee": 183})
    assert result.ret == {"id": 458, "task_id": TASK, "date": "2019-09-09T13:49:24.079000Z"}


def _entry(entry_id):
    return {"id": entry_id, "task": {"id": "1vwwavv", "name": "woof", "status": {"status": "open", "color": "#d3d3d3",
                                                                              "type": "open", "orderindex": 0},
                                     "custom_type": None},
            "wid": TEAM, "user": {"id": 1, "username": "first_name last_name", "email": "test@gmail.com",
                                  "color": "#08c7e0", "initials": "FL", "profilePicture": None},
            "billable": False, "start": "1592841559129", "end": "1592845899021", "duration": "4339892",
            "description": "", "tags": [], "source": "clickup", "at": "1592845899021",
            "task_url": "https://app.clickup.com/t/1vwwavv"}


async def test_list_time_entries_in_a_range_with_a_position_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/team/{TEAM}/time_entries").mock(
        return_value=httpx.Response(200, json={"data": [_entry("1"), _entry("2"), _entry("3")]}))
    action = catalog.action("clickup-list-time-entries")
    result = await run_action(action, {"workspaceId": TEAM, "startDate": "2020-06-22", "endDate": "2020-06-23",
                                       "assignees": ["1", "2"], "listId": LIST, "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/team/{TEAM}/time_entries", params={
        "start_date": "1592784000000", "end_date": "1592870400000", "assignee": "1,2", "list_id": LIST})
    assert result.ret["time_entries"][0] == {
        "id": "1", "task": {"id": "1vwwavv", "name": "woof"},
        "user": {"id": 1, "username": "first_name last_name", "email": "test@gmail.com"}, "description": None,
        "start": "2020-06-22T15:59:19.129000Z", "end": "2020-06-22T17:11:39.021000Z", "duration_minutes": 72.3,
        "billable": False, "tags": [], "task_url": "https://app.clickup.com/t/1vwwavv"}
    assert result.ret["next_cursor"] == "2" and result.ret["total"] == 3
    second = await run_action(action, {"workspaceId": TEAM, "cursor": "2"}, auth=AUTH)
    assert [e["id"] for e in second.ret["time_entries"]] == ["3"] and second.ret["next_cursor"] is None


async def test_remote_options_walk_the_hierarchy(catalog, respx_mock):
    respx_mock.get(f"{API}/team").mock(return_value=httpx.Response(200, json=TEAMS))
    spaces = respx_mock.get(f"{API}/team/{TEAM}/space").mock(return_value=httpx.Response(200, json={"spaces": [
        {"id": SPACE, "name": "Engineering"}]}))
    respx_mock.get(f"{API}/space/{SPACE}/list").mock(return_value=httpx.Response(200, json={"lists": [
        {"id": "125", "name": "Inbox"}]}))
    tasks = respx_mock.get(f"{API}/list/{LIST}/task").mock(side_effect=[
        httpx.Response(200, json={"tasks": [_task()], "last_page": False}),
        httpx.Response(200, json={"tasks": [_task("t2", "Second")], "last_page": True}),
    ])
    action = catalog.action("clickup-create-task")
    assert (await fetch_options(action, "workspaceId", {}, auth=AUTH))["options"] == [
        {"label": "My ClickUp Workspace", "value": TEAM}]
    assert (await fetch_options(action, "spaceId", {"workspaceId": TEAM}, auth=AUTH))["options"] == [
        {"label": "Engineering", "value": SPACE}]
    assert dict(spaces.calls.last.request.url.params) == {"archived": "false"}
    assert (await fetch_options(action, "listId", {"spaceId": SPACE}, auth=AUTH))["options"] == [
        {"label": "Inbox", "value": "125"}]
    missing = await fetch_options(action, "listId", {}, auth=AUTH)
    assert "choose the space (or folder) (spaceId) first" in missing["errors"][0]

    get = catalog.action("clickup-get-task")
    first = await fetch_options(get, "taskId", {"listId": LIST}, auth=AUTH)
    assert first["options"] == [{"label": "Updated Task Name", "value": TASK}] and first["context"] == {"page": 1}
    second = await fetch_options(get, "taskId", {"listId": LIST}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Second", "value": "t2"}] and second["context"] is None
    assert tasks.calls[1].request.url.params["page"] == "1"


async def test_rate_limits_and_unauthorized_workspaces_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/task/{TASK}").mock(side_effect=[
        httpx.Response(429, headers={"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0",
                                     "Retry-After": "42"}, json={"err": "Rate limit reached", "ECODE": "APP_002"}),
        httpx.Response(401, json={"err": "Team not authorized", "ECODE": "OAUTH_027"}),
    ])
    action = catalog.action("clickup-get-task")
    limited = await run_action(action, {"taskId": TASK}, auth=AUTH)
    assert "rate limited by ClickUp; retry after 42 s" in limited.error
    unauthorized = await run_action(action, {"taskId": TASK}, auth=AUTH)
    assert "Team not authorized [OAUTH_027]" in unauthorized.error
    assert "reconnect ClickUp and tick the workspace" in unauthorized.error


async def account_identity(catalog, auth):
    """What the app's account test finds for new credentials, as the Connect flow runs it."""
    app = catalog.apps["clickup"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_account_test_reads_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user").mock(return_value=httpx.Response(200, json={"user": {
        "id": 123, "username": "John Doe", "email": "john@example.com", "color": "#000000", "profilePicture": None}}))
    identity = await account_identity(catalog, AUTH)
    assert_request(route.calls.last.request, "GET", "/user")
    assert identity == Identity(name="John Doe", external_id="123")
