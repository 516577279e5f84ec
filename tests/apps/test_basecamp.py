import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://3.basecampapi.com"
LAUNCHPAD = "https://launchpad.37signals.com/authorization.json"
AUTH = {"oauth_access_token": "bc-oauth-token"}
ACCOUNT = "999999999"
PROJECT = "2085958499"
TODOSET = "1069479338"
BOARD = "1069479339"
TODOLIST = "1069479520"
TODO = "1069479572"


def _account(account_id=ACCOUNT, name="Honcho Design", product="bc3"):
    return {"product": product, "id": int(account_id), "name": name, "href": f"{API}/{account_id}",
            "app_href": f"https://3.basecamp.com/{account_id}"}


def _authorization(*accounts):
    return {"expires_at": "2026-12-21T16:12:32.000Z",
            "identity": {"id": 9999999, "first_name": "Jason", "last_name": "Fried", "email_address": "jason@example.com"},
            "accounts": list(accounts) or [_account(), _account("5", "Old Basecamp 2", "bcx")]}


@pytest.fixture
def launchpad(respx_mock):
    return respx_mock.get(LAUNCHPAD).mock(return_value=httpx.Response(200, json=_authorization()))


def assert_request(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer bc-oauth-token"
    assert request.headers["user-agent"].startswith("mcp-gateway (")
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def at(path):
    return f"{API}/{ACCOUNT}{path}"


def _project(project_id=PROJECT, name="The Leto Laptop"):
    return {"id": int(project_id), "status": "active", "created_at": "2026-11-01T09:00:00.000Z",
            "updated_at": "2026-12-02T10:00:00.000Z", "name": name, "description": "Laptop product launch.",
            "purpose": "topic", "clients_enabled": False, "bookmark_url": at(f"/my/bookmarks/{project_id}.json"),
            "url": at(f"/projects/{project_id}.json"), "app_url": f"https://3.basecamp.com/{ACCOUNT}/projects/{project_id}",
            "dock": [
                {"id": int(BOARD), "title": "Message Board", "name": "message_board", "enabled": True, "position": 1,
                 "url": at(f"/buckets/{project_id}/message_boards/{BOARD}.json"), "app_url": "https://3.basecamp.com/x"},
                {"id": int(TODOSET), "title": "To-dos", "name": "todoset", "enabled": True, "position": 2,
                 "url": at(f"/buckets/{project_id}/todosets/{TODOSET}.json"), "app_url": "https://3.basecamp.com/y"},
                {"id": 1069479340, "title": "Chat", "name": "chat", "enabled": False, "position": None,
                 "url": at("/x.json"), "app_url": "https://3.basecamp.com/z"}],
            "bookmarked": False}


def _person(person_id=1049715914, name="Victor Cooper"):
    return {"id": person_id, "attachable_sgid": "BAh7", "name": name, "email_address": "victor@honchodesign.com",
            "personable_type": "User", "title": "Chief Strategist", "bio": None, "location": None,
            "created_at": "2026-11-01T09:00:00.000Z", "updated_at": "2026-11-01T09:00:00.000Z", "admin": True,
            "owner": True, "client": False, "employee": True, "time_zone": "America/Chicago",
            "avatar_url": "https://3.basecamp-static.com/avatar.png", "company": {"id": 1033447817, "name": "Honcho Design"}}


def _todo(todo_id=TODO, content="Program the flux capacitor", **extra):
    return {"id": int(todo_id), "status": "active", "visible_to_clients": False, "created_at": "2026-12-01T09:00:00.000Z",
            "updated_at": "2026-12-01T09:00:00.000Z", "title": content, "inherits_status": True, "type": "Todo",
            "url": at(f"/buckets/{PROJECT}/todos/{todo_id}.json"),
            "app_url": f"https://3.basecamp.com/{ACCOUNT}/buckets/{PROJECT}/todos/{todo_id}",
            "comments_count": 0, "position": 1,
            "parent": {"id": int(TODOLIST), "title": "Hardware", "type": "Todolist", "url": at("/t.json"),
                       "app_url": "https://3.basecamp.com/t"},
            "bucket": {"id": int(PROJECT), "name": "The Leto Laptop", "type": "Project"},
            "creator": {"id": 1049715914, "name": "Victor Cooper"}, "description": "", "completed": False,
            "content": content, "starts_on": None, "due_on": "2026-12-24",
            "assignees": [{"id": 1049715914, "name": "Victor Cooper", "email_address": "victor@honchodesign.com"}],
            "completion_subscribers": [], "completion_url": at(f"/buckets/{PROJECT}/todos/{todo_id}/completion.json"),
            **extra}


async def test_list_projects_follows_link_headers_and_uses_the_only_basecamp_4_account(catalog, respx_mock, launchpad):
    route = respx_mock.get(at("/projects.json")).mock(side_effect=[
        httpx.Response(200, json=[_project(), _project("2", "Marketing")],
                       headers={"Link": f'<{at("/projects.json")}?page=2>; rel="next"'}),
        httpx.Response(200, json=[_project("3", "Hiring")]),
    ])
    result = await run_action(catalog.action("basecamp-list-projects"), {"limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(launchpad.calls.last.request, "GET", LAUNCHPAD)
    assert_request(route.calls[0].request, "GET", at("/projects.json"))
    assert_request(route.calls[1].request, "GET", at("/projects.json"), params={"page": "2"})
    assert [p["name"] for p in result.ret["projects"]] == ["The Leto Laptop", "Marketing", "Hiring"]
    assert result.ret["projects"][0] == {
        "id": int(PROJECT), "name": "The Leto Laptop", "description": "Laptop product launch.", "status": "active",
        "updated_at": "2026-12-02T10:00:00.000Z", "app_url": f"https://3.basecamp.com/{ACCOUNT}/projects/{PROJECT}",
        "tools": [{"name": "message_board", "title": "Message Board", "id": int(BOARD)},
                  {"name": "todoset", "title": "To-dos", "id": int(TODOSET)}]}
    assert result.ret["next_cursor"] is None


async def test_list_projects_cursor_stops_inside_a_page_and_resumes_there(catalog, respx_mock, launchpad):
    route = respx_mock.get(at("/projects.json")).mock(return_value=httpx.Response(
        200, json=[_project(), _project("2", "Marketing"), _project("3", "Hiring")],
        headers={"Link": f'<{at("/projects.json")}?page=3>; rel="next"'}))
    action = catalog.action("basecamp-list-projects")
    first = await run_action(action, {"status": "archived", "limit": 2, "cursor": "2"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", at("/projects.json"), params={"status": "archived", "page": "2"})
    assert first.ret["next_cursor"] == "2:2"
    second = await run_action(action, {"limit": 1, "cursor": "2:2"}, auth=AUTH)
    assert [p["name"] for p in second.ret["projects"]] == ["Hiring"] and second.ret["next_cursor"] == "3"


async def test_several_accounts_need_an_account_id(catalog, respx_mock):
    respx_mock.get(LAUNCHPAD).mock(return_value=httpx.Response(200, json=_authorization(
        _account(), _account("888", "Side Project"))))
    result = await run_action(catalog.action("basecamp-list-people"), {}, auth=AUTH)
    assert result.error == ("the connection reaches several Basecamp accounts; pass `accountId` with one of: "
                            "Honcho Design (id 999999999), Side Project (id 888)")
    people = respx_mock.get(f"{API}/888/people.json").mock(return_value=httpx.Response(200, json=[_person()]))
    result = await run_action(catalog.action("basecamp-list-people"), {"accountId": "888"}, auth=AUTH)
    assert_request(people.calls.last.request, "GET", f"{API}/888/people.json")
    assert result.ret == {"people": [{"id": 1049715914, "name": "Victor Cooper", "email_address": "victor@honchodesign.com",
                                      "title": "Chief Strategist", "company": "Honcho Design", "admin": True,
                                      "client": False}], "next_cursor": None}
    assert result.summary == "Listed 1 person"


async def test_list_people_on_a_project(catalog, respx_mock, launchpad):
    route = respx_mock.get(at(f"/projects/{PROJECT}/people.json")).mock(return_value=httpx.Response(200, json=[_person()]))
    result = await run_action(catalog.action("basecamp-list-people"), {"projectId": PROJECT}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", at(f"/projects/{PROJECT}/people.json"))
    assert result.ret["people"][0]["id"] == 1049715914


async def test_list_todolists_finds_the_projects_todoset(catalog, respx_mock, launchpad):
    project = respx_mock.get(at(f"/projects/{PROJECT}.json")).mock(return_value=httpx.Response(200, json=_project()))
    route = respx_mock.get(at(f"/buckets/{PROJECT}/todosets/{TODOSET}/todolists.json")).mock(return_value=httpx.Response(
        200, json=[{"id": int(TODOLIST), "status": "active", "title": "Hardware", "name": "Hardware", "type": "Todolist",
                    "description": "<div>Parts</div>", "completed": False, "completed_ratio": "1/3",
                    "comments_count": 2, "app_url": "https://3.basecamp.com/l"}]))
    result = await run_action(catalog.action("basecamp-list-todolists"), {"projectId": PROJECT}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(project.calls.last.request, "GET", at(f"/projects/{PROJECT}.json"))
    assert_request(route.calls.last.request, "GET", at(f"/buckets/{PROJECT}/todosets/{TODOSET}/todolists.json"))
    assert result.ret == {"todolists": [{"id": int(TODOLIST), "name": "Hardware", "description": "<div>Parts</div>",
                                         "completed": False, "completed_ratio": "1/3", "comments_count": 2,
                                         "app_url": "https://3.basecamp.com/l"}], "next_cursor": None}


async def test_list_todos_completed_ones_and_full_response(catalog, respx_mock, launchpad):
    done = _todo(completed=True)
    route = respx_mock.get(at(f"/buckets/{PROJECT}/todolists/{TODOLIST}/todos.json")).mock(
        return_value=httpx.Response(200, json=[done]))
    action = catalog.action("basecamp-list-todos")
    result = await run_action(action, {"projectId": PROJECT, "todolistId": TODOLIST, "completed": True}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", at(f"/buckets/{PROJECT}/todolists/{TODOLIST}/todos.json"),
                   params={"completed": "true"})
    assert result.ret["todos"] == [{
        "id": int(TODO), "content": "Program the flux capacitor", "description": None, "completed": True,
        "due_on": "2026-12-24", "starts_on": None, "assignees": [{"id": 1049715914, "name": "Victor Cooper"}],
        "comments_count": 0, "todolist": "Hardware", "creator": "Victor Cooper", "created_at": "2026-12-01T09:00:00.000Z",
        "app_url": f"https://3.basecamp.com/{ACCOUNT}/buckets/{PROJECT}/todos/{TODO}"}]
    whole = await run_action(action, {"projectId": PROJECT, "todolistId": TODOLIST, "fullResponse": True}, auth=AUTH)
    assert whole.ret == {"todos": [done], "next_cursor": None}


async def test_create_todo_with_assignees_and_dates(catalog, respx_mock, launchpad):
    route = respx_mock.post(at(f"/buckets/{PROJECT}/todolists/{TODOLIST}/todos.json")).mock(
        return_value=httpx.Response(201, json=_todo()))
    result = await run_action(catalog.action("basecamp-create-todo"), {
        "projectId": PROJECT, "todolistId": TODOLIST, "content": "Program the flux capacitor",
        "description": "<div><em>Try that new kit</em></div>", "assigneeIds": [1049715914], "notify": True,
        "dueOn": "2026-12-24"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", at(f"/buckets/{PROJECT}/todolists/{TODOLIST}/todos.json"), body={
        "content": "Program the flux capacitor", "description": "<div><em>Try that new kit</em></div>",
        "assignee_ids": [1049715914], "notify": True, "due_on": "2026-12-24"})
    assert result.ret["id"] == int(TODO) and result.summary == "Added the to-do 'Program the flux capacitor'"
    bad = await run_action(catalog.action("basecamp-create-todo"), {
        "projectId": PROJECT, "todolistId": TODOLIST, "content": "x", "dueOn": "next friday"}, auth=AUTH)
    assert bad.error == "dueOn 'next friday' must be a date such as `2026-12-24`"


async def test_complete_todo(catalog, respx_mock, launchpad):
    route = respx_mock.post(at(f"/buckets/{PROJECT}/todos/{TODO}/completion.json")).mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("basecamp-complete-todo"), {"projectId": PROJECT, "todoId": TODO}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", at(f"/buckets/{PROJECT}/todos/{TODO}/completion.json"))
    assert result.ret == {"id": TODO, "completed": True} and result.summary == f"Completed the to-do {TODO}"


async def test_create_message_on_the_projects_board(catalog, respx_mock, launchpad):
    respx_mock.get(at(f"/projects/{PROJECT}.json")).mock(return_value=httpx.Response(200, json=_project()))
    message = {"id": 1069479351, "status": "active", "type": "Message", "title": "Kickoff",
               "subject": "Kickoff", "content": "<div>Welcome aboard!</div>", "created_at": "2026-12-02T10:00:00.000Z",
               "creator": {"id": 1049715914, "name": "Victor Cooper"},
               "parent": {"id": int(BOARD), "title": "Message Board", "type": "Message::Board"},
               "app_url": "https://3.basecamp.com/m"}
    route = respx_mock.post(at(f"/buckets/{PROJECT}/message_boards/{BOARD}/messages.json")).mock(
        return_value=httpx.Response(201, json=message))
    result = await run_action(catalog.action("basecamp-create-message"), {
        "projectId": PROJECT, "subject": "Kickoff", "content": "<div>Welcome aboard!</div>"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", at(f"/buckets/{PROJECT}/message_boards/{BOARD}/messages.json"),
                   body={"subject": "Kickoff", "status": "active", "content": "<div>Welcome aboard!</div>"})
    assert result.ret == {"id": 1069479351, "type": "Message", "subject": "Kickoff", "content": "<div>Welcome aboard!</div>",
                          "creator": "Victor Cooper", "parent": {"id": int(BOARD), "title": "Message Board"},
                          "created_at": "2026-12-02T10:00:00.000Z", "app_url": "https://3.basecamp.com/m"}


async def test_create_message_when_the_board_is_off(catalog, respx_mock, launchpad):
    project = _project()
    project["dock"] = [t for t in project["dock"] if t["name"] != "message_board"]
    respx_mock.get(at(f"/projects/{PROJECT}.json")).mock(return_value=httpx.Response(200, json=project))
    result = await run_action(catalog.action("basecamp-create-message"), {"projectId": PROJECT, "subject": "Hi"}, auth=AUTH)
    assert result.error.startswith("the project 'The Leto Laptop' has no Message Board turned on")


async def test_create_comment(catalog, respx_mock, launchpad):
    route = respx_mock.post(at(f"/buckets/{PROJECT}/recordings/{TODO}/comments.json")).mock(
        return_value=httpx.Response(201, json={
            "id": 1069479361, "status": "active", "type": "Comment", "title": "Re: Program the flux capacitor",
            "content": "<div>Done by Friday</div>", "created_at": "2026-12-02T11:00:00.000Z",
            "creator": {"id": 1049715914, "name": "Victor Cooper"},
            "parent": {"id": int(TODO), "title": "Program the flux capacitor", "type": "Todo"},
            "app_url": "https://3.basecamp.com/c"}))
    result = await run_action(catalog.action("basecamp-create-comment"), {
        "projectId": PROJECT, "recordingId": TODO, "content": "<div>Done by Friday</div>"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", at(f"/buckets/{PROJECT}/recordings/{TODO}/comments.json"),
                   body={"content": "<div>Done by Friday</div>"})
    assert result.summary == "Commented on 'Program the flux capacitor'"
    assert result.ret["parent"] == {"id": int(TODO), "title": "Program the flux capacitor"}


async def test_account_project_todolist_and_todo_options(catalog, respx_mock, launchpad):
    respx_mock.get(at("/projects.json")).mock(return_value=httpx.Response(
        200, json=[_project()], headers={"Link": f'<{at("/projects.json")}?page=2>; rel="next"'}))
    respx_mock.get(at(f"/projects/{PROJECT}.json")).mock(return_value=httpx.Response(200, json=_project()))
    respx_mock.get(at(f"/buckets/{PROJECT}/todosets/{TODOSET}/todolists.json")).mock(return_value=httpx.Response(
        200, json=[{"id": int(TODOLIST), "name": "Hardware", "title": "Hardware"}]))
    respx_mock.get(at(f"/buckets/{PROJECT}/todolists/{TODOLIST}/todos.json")).mock(
        return_value=httpx.Response(200, json=[_todo()]))
    action = catalog.action("basecamp-complete-todo")
    assert (await fetch_options(action, "accountId", {}, auth=AUTH))["options"] == [
        {"label": "Honcho Design", "value": ACCOUNT}]
    projects = await fetch_options(action, "projectId", {}, auth=AUTH)
    assert projects["options"] == [{"label": "The Leto Laptop", "value": PROJECT}] and projects["context"] == {"page": 2}
    lists = await fetch_options(action, "todolistId", {"projectId": PROJECT}, auth=AUTH)
    assert lists["options"] == [{"label": "Hardware", "value": TODOLIST}]
    todos = await fetch_options(action, "todoId", {"projectId": PROJECT, "todolistId": TODOLIST}, auth=AUTH)
    assert todos["options"] == [{"label": "Program the flux capacitor", "value": TODO}]
    missing = await fetch_options(action, "todoId", {"projectId": PROJECT}, auth=AUTH)
    assert "choose the to-do list (todolistId) first" in missing["errors"][0]


async def test_rate_limit_and_missing_records_say_what_to_do(catalog, respx_mock, launchpad):
    respx_mock.get(at(f"/buckets/{PROJECT}/todolists/{TODOLIST}/todos.json")).mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "10"}, text=""),
        httpx.Response(404, json={"status": 404, "error": "Not Found"}),
    ])
    action = catalog.action("basecamp-list-todos")
    limited = await run_action(action, {"projectId": PROJECT, "todolistId": TODOLIST}, auth=AUTH)
    assert "rate limited by Basecamp; retry after 10 s" in limited.error
    missing = await run_action(action, {"projectId": PROJECT, "todolistId": TODOLIST}, auth=AUTH)
    assert "Not Found" in missing.error and "basecamp-list-todolists" in missing.error


async def account_identity(catalog, auth):
    """What the app's account test finds for new credentials, as the Connect flow runs it."""
    app = catalog.apps["basecamp"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_account_test_reads_the_launchpad_identity(catalog, respx_mock, launchpad):
    identity = await account_identity(catalog, AUTH)
    assert_request(launchpad.calls.last.request, "GET", LAUNCHPAD)
    assert identity == Identity(name="Jason Fried", external_id="9999999")
