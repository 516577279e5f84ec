"""Asana actions, options, account test and OAuth settings against https://app.asana.com/api/1.0.

Responses are shaped like the examples of Asana's API reference (https://developers.asana.com/reference).
"""

import base64
import hashlib
import json
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.connect.oauth import authorization_url
from mcp_gateway.connect.oauth_apps import OAuthClient
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://app.asana.com/api/1.0"
AUTH = {"oauth_access_token": "2/1204619611402301/1207000000000001:5b1e6f8a9c0d2e4f6a8b0c2d4e6f8a0b"}
WORKSPACE = "1204619611402340"
PROJECT = "1204619611402355"
SECTION = "1204619611402360"
TASK = "1204619611402377"
USER = "1204619611402301"
TEAM = "1204619611402320"
PROJECT_FIELDS = (
    "name,notes,archived,color,default_view,due_on,start_on,owner.name,team.name,workspace.name,"
    "current_status_update.title,permalink_url,created_at,modified_at"
)
TASK_FIELDS = (
    "name,notes,completed,completed_at,assignee.name,due_on,due_at,start_on,projects.name,"
    "memberships.project.name,memberships.section.name,parent.name,tags.name,workspace.name,num_subtasks,"
    "permalink_url,created_at,modified_at"
)


def _task(*, gid=TASK, name="Draft Q3 launch plan", completed=False, section=("Doing", SECTION), **extra):
    task = {
        "gid": gid,
        "resource_type": "task",
        "name": name,
        "notes": "Outline goals, channels and dates.",
        "completed": completed,
        "completed_at": "2025-06-30T12:00:00.000Z" if completed else None,
        "assignee": {"gid": USER, "resource_type": "user", "name": "Greg Sanchez"},
        "due_on": "2025-07-01",
        "due_at": None,
        "start_on": None,
        "projects": [{"gid": PROJECT, "resource_type": "project", "name": "Q3 Launch"}],
        "memberships": [
            {
                "project": {"gid": PROJECT, "resource_type": "project", "name": "Q3 Launch"},
                "section": {"gid": section[1], "resource_type": "section", "name": section[0]},
            }
        ],
        "parent": None,
        "tags": [{"gid": "1204619611402390", "resource_type": "tag", "name": "marketing"}],
        "workspace": {"gid": WORKSPACE, "resource_type": "workspace", "name": "Acme Corp"},
        "num_subtasks": 2,
        "permalink_url": f"https://app.asana.com/0/{PROJECT}/{TASK}",
        "created_at": "2025-06-20T02:06:58.147Z",
        "modified_at": "2025-06-21T02:06:58.147Z",
    }
    task.update(extra)
    return task


def assert_asana(request, method, url, params=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params.multi_items()) == (params or {})
    assert request.headers["authorization"] == f"Bearer {AUTH['oauth_access_token']}"


def data_of(request):
    assert request.headers["content-type"] == "application/json"
    body = json.loads(request.content)
    assert list(body) == ["data"]
    return body["data"]


# Tasks


async def test_create_task_puts_it_in_a_section_of_a_project(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tasks").mock(return_value=httpx.Response(201, json={"data": _task()}))
    result = await run_action(
        catalog.action("asana-create-task"),
        {
            "workspace": WORKSPACE,
            "project": PROJECT,
            "section": SECTION,
            "name": "Draft Q3 launch plan",
            "notes": "Outline goals, channels and dates.",
            "assignee": "me",
            "dueOn": "2025-07-01",
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_asana(sent, "POST", f"{API}/tasks", {"opt_fields": TASK_FIELDS})
    assert data_of(sent) == {
        "workspace": WORKSPACE,
        "name": "Draft Q3 launch plan",
        "notes": "Outline goals, channels and dates.",
        "assignee": "me",
        "due_on": "2025-07-01",
        "memberships": [{"project": PROJECT, "section": SECTION}],
    }
    assert result.ret["gid"] == TASK
    assert result.ret["assignee"] == {"gid": USER, "name": "Greg Sanchez"}
    assert result.ret["memberships"] == [
        {"project": "Q3 Launch", "project_gid": PROJECT, "section": "Doing", "section_gid": SECTION}
    ]
    assert result.ret["tags"] == ["marketing"]
    assert (
        result.summary
        == f"Created task 'Draft Q3 launch plan' in 'Q3 Launch' (https://app.asana.com/0/{PROJECT}/{TASK})"
    )


async def test_create_task_in_a_project_only_and_its_checks(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tasks").mock(return_value=httpx.Response(201, json={"data": _task()}))
    result = await run_action(
        catalog.action("asana-create-task"),
        {"workspace": WORKSPACE, "project": PROJECT, "name": "Draft Q3 launch plan"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert data_of(route.calls.last.request) == {
        "workspace": WORKSPACE,
        "name": "Draft Q3 launch plan",
        "projects": [PROJECT],
    }

    no_project = await run_action(
        catalog.action("asana-create-task"), {"workspace": WORKSPACE, "section": SECTION, "name": "x"}, auth=AUTH
    )
    assert "a section needs its project" in no_project.error
    bad_date = await run_action(
        catalog.action("asana-create-task"), {"workspace": WORKSPACE, "name": "x", "dueOn": "July 1"}, auth=AUTH
    )
    assert "must be a date written YYYY-MM-DD" in bad_date.error
    both = await run_action(
        catalog.action("asana-create-task"),
        {"workspace": WORKSPACE, "name": "x", "dueOn": "2025-07-01", "dueAt": "2025-07-01T17:00:00Z"},
        auth=AUTH,
    )
    assert "either dueOn" in both.error
    assert route.call_count == 1


async def test_update_task_completes_and_unassigns(catalog, respx_mock):
    route = respx_mock.put(f"{API}/tasks/{TASK}").mock(
        return_value=httpx.Response(200, json={"data": _task(completed=True, assignee=None)})
    )
    result = await run_action(
        catalog.action("asana-update-task"),
        {
            "task": f"https://app.asana.com/0/{PROJECT}/{TASK}/f",
            "completed": True,
            "unassign": True,
            "clearDueDate": True,
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_asana(sent, "PUT", f"{API}/tasks/{TASK}", {"opt_fields": TASK_FIELDS})
    assert data_of(sent) == {"completed": True, "assignee": None, "due_on": None}
    assert result.ret["completed"] is True and result.ret["assignee"] is None
    assert result.summary == "Updated task 'Draft Q3 launch plan' (assignee, completed, due_on)"


async def test_update_task_needs_a_change(catalog, respx_mock):
    result = await run_action(catalog.action("asana-update-task"), {"task": TASK}, auth=AUTH)
    assert result.error.startswith("nothing to change")
    bad = await run_action(catalog.action("asana-update-task"), {"task": "launch plan", "completed": True}, auth=AUTH)
    assert "must be an Asana gid" in bad.error
    assert not respx_mock.calls


async def test_get_task_with_subtasks_and_comments(catalog, respx_mock):
    task = respx_mock.get(f"{API}/tasks/{TASK}").mock(return_value=httpx.Response(200, json={"data": _task()}))
    subtasks = respx_mock.get(f"{API}/tasks/{TASK}/subtasks").mock(
        return_value=httpx.Response(
            200,
            json={
                "data": [
                    {
                        "gid": "1204619611402380",
                        "resource_type": "task",
                        "name": "Collect screenshots",
                        "completed": True,
                        "assignee": {"gid": USER, "name": "Greg Sanchez"},
                        "due_on": None,
                    }
                ],
                "next_page": None,
            },
        )
    )
    stories = respx_mock.get(f"{API}/tasks/{TASK}/stories").mock(
        return_value=httpx.Response(
            200,
            json={
                "data": [
                    {
                        "gid": "1204619611402391",
                        "resource_type": "story",
                        "created_at": "2025-06-20T02:06:58.147Z",
                        "created_by": {"gid": USER, "name": "Greg Sanchez"},
                        "text": "Greg Sanchez added to Q3 Launch",
                        "type": "system",
                        "resource_subtype": "added_to_project",
                    },
                    {
                        "gid": "1204619611402392",
                        "resource_type": "story",
                        "created_at": "2025-06-21T09:00:00.000Z",
                        "created_by": {"gid": USER, "name": "Greg Sanchez"},
                        "text": "First draft is up.",
                        "type": "comment",
                        "resource_subtype": "comment_added",
                    },
                ],
                "next_page": None,
            },
        )
    )
    result = await run_action(
        catalog.action("asana-get-task"), {"task": TASK, "includeSubtasks": True, "includeComments": True}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_asana(task.calls.last.request, "GET", f"{API}/tasks/{TASK}", {"opt_fields": TASK_FIELDS})
    assert_asana(
        subtasks.calls.last.request,
        "GET",
        f"{API}/tasks/{TASK}/subtasks",
        {"opt_fields": "name,completed,assignee.name,due_on", "limit": "100"},
    )
    assert_asana(
        stories.calls.last.request,
        "GET",
        f"{API}/tasks/{TASK}/stories",
        {"opt_fields": "created_at,created_by.name,text,type,resource_subtype", "limit": "100"},
    )
    assert result.ret["subtasks"] == [
        {
            "gid": "1204619611402380",
            "name": "Collect screenshots",
            "completed": True,
            "assignee": "Greg Sanchez",
            "due_on": None,
        }
    ]
    assert result.ret["comments"] == [
        {
            "gid": "1204619611402392",
            "created_at": "2025-06-21T09:00:00.000Z",
            "author": "Greg Sanchez",
            "text": "First draft is up.",
        }
    ]
    assert result.summary == "Retrieved open task 'Draft Q3 launch plan'"


async def test_search_tasks_sends_asanas_filters(catalog, respx_mock):
    route = respx_mock.get(f"{API}/workspaces/{WORKSPACE}/tasks/search").mock(
        return_value=httpx.Response(200, json={"data": [_task()]})
    )
    result = await run_action(
        catalog.action("asana-search-tasks"),
        {
            "workspace": WORKSPACE,
            "text": "launch plan",
            "assignee": USER,
            "project": PROJECT,
            "completed": False,
            "dueOnBefore": "2025-08-01",
            "sortBy": "due_date",
            "sortAscending": True,
            "limit": 20,
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_asana(
        route.calls.last.request,
        "GET",
        f"{API}/workspaces/{WORKSPACE}/tasks/search",
        {
            "opt_fields": TASK_FIELDS,
            "sort_by": "due_date",
            "sort_ascending": "true",
            "text": "launch plan",
            "assignee.any": USER,
            "projects.any": PROJECT,
            "completed": "false",
            "due_on.before": "2025-08-01",
        },
    )
    assert [t["gid"] for t in result.ret["tasks"]] == [TASK]
    assert result.summary == "Found 1 task for 'launch plan'"


async def test_search_tasks_on_a_free_workspace_points_to_list_tasks(catalog, respx_mock):
    respx_mock.get(f"{API}/workspaces/{WORKSPACE}/tasks/search").mock(
        return_value=httpx.Response(
            402,
            json={
                "errors": [
                    {
                        "message": "Search is only available to premium users.",
                        "help": "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors",
                    }
                ]
            },
        )
    )
    result = await run_action(
        catalog.action("asana-search-tasks"), {"workspace": WORKSPACE, "text": "launch"}, auth=AUTH
    )
    assert "Asana API error 402" in result.error
    assert "Search is only available to premium users." in result.error
    assert "use asana-list-tasks" in result.error


async def test_add_comment_posts_a_story(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tasks/{TASK}/stories").mock(
        return_value=httpx.Response(
            201,
            json={
                "data": {
                    "gid": "1204619611402393",
                    "resource_type": "story",
                    "created_at": "2025-06-22T10:00:00.000Z",
                    "created_by": {"gid": USER, "resource_type": "user", "name": "Greg Sanchez"},
                    "text": "Draft is ready for review.",
                    "is_pinned": True,
                    "target": {"gid": TASK, "resource_type": "task", "name": "Draft Q3 launch plan"},
                }
            },
        )
    )
    result = await run_action(
        catalog.action("asana-add-comment"),
        {"task": TASK, "text": "Draft is ready for review.", "isPinned": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_asana(
        sent,
        "POST",
        f"{API}/tasks/{TASK}/stories",
        {"opt_fields": "created_at,created_by.name,text,is_pinned,target.name"},
    )
    assert data_of(sent) == {"text": "Draft is ready for review.", "is_pinned": True}
    assert result.ret == {
        "gid": "1204619611402393",
        "created_at": "2025-06-22T10:00:00.000Z",
        "author": "Greg Sanchez",
        "text": "Draft is ready for review.",
        "is_pinned": True,
    }
    assert result.summary == "Commented on task 'Draft Q3 launch plan'"


async def test_add_task_to_project_in_a_section(catalog, respx_mock):
    add = respx_mock.post(f"{API}/tasks/{TASK}/addProject").mock(return_value=httpx.Response(200, json={"data": {}}))
    read = respx_mock.get(f"{API}/tasks/{TASK}").mock(
        return_value=httpx.Response(200, json={"data": _task(section=("Review", "1204619611402361"))})
    )
    result = await run_action(
        catalog.action("asana-add-task-to-project"),
        {"task": TASK, "project": PROJECT, "section": "1204619611402361"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_asana(add.calls.last.request, "POST", f"{API}/tasks/{TASK}/addProject")
    assert data_of(add.calls.last.request) == {"project": PROJECT, "section": "1204619611402361"}
    assert_asana(read.calls.last.request, "GET", f"{API}/tasks/{TASK}", {"opt_fields": TASK_FIELDS})
    assert result.summary == "Added task 'Draft Q3 launch plan' to 'Q3 Launch' / 'Review'"


async def test_create_project_with_a_team(catalog, respx_mock):
    route = respx_mock.post(f"{API}/projects").mock(
        return_value=httpx.Response(
            201,
            json={
                "data": {
                    "gid": PROJECT,
                    "resource_type": "project",
                    "name": "Q3 Launch",
                    "notes": "Everything for the launch.",
                    "permalink_url": f"https://app.asana.com/0/{PROJECT}",
                    "default_view": "board",
                    "color": "light-green",
                    "due_on": "2025-09-30",
                    "team": {"gid": TEAM, "resource_type": "team", "name": "Marketing"},
                    "workspace": {"gid": WORKSPACE, "resource_type": "workspace", "name": "Acme Corp"},
                    "created_at": "2025-06-20T02:06:58.147Z",
                }
            },
        )
    )
    result = await run_action(
        catalog.action("asana-create-project"),
        {
            "workspace": WORKSPACE,
            "team": TEAM,
            "name": "Q3 Launch",
            "notes": "Everything for the launch.",
            "defaultView": "board",
            "color": "light-green",
            "dueOn": "2025-09-30",
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_asana(
        sent,
        "POST",
        f"{API}/projects",
        {"opt_fields": PROJECT_FIELDS},
    )
    assert data_of(sent) == {
        "name": "Q3 Launch",
        "workspace": WORKSPACE,
        "default_view": "board",
        "team": TEAM,
        "notes": "Everything for the launch.",
        "color": "light-green",
        "due_on": "2025-09-30",
    }
    assert result.ret["team"] == {"gid": TEAM, "name": "Marketing"} and result.ret["permalink_url"] == f"https://app.asana.com/0/{PROJECT}"
    assert result.summary == f"Created project 'Q3 Launch' (https://app.asana.com/0/{PROJECT})"


async def test_create_subtask_under_a_task(catalog, respx_mock):
    subtask = _task(
        gid="1204619611402381",
        name="Collect screenshots",
        parent={"gid": TASK, "resource_type": "task", "name": "Draft Q3 launch plan"},
        projects=[],
        memberships=[],
        num_subtasks=0,
    )
    route = respx_mock.post(f"{API}/tasks/{TASK}/subtasks").mock(
        return_value=httpx.Response(201, json={"data": subtask})
    )
    result = await run_action(
        catalog.action("asana-create-subtask"),
        {"task": TASK, "name": "Collect screenshots", "assignee": "greg@example.com", "dueAt": "2025-06-30T17:00:00Z"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_asana(sent, "POST", f"{API}/tasks/{TASK}/subtasks", {"opt_fields": TASK_FIELDS})
    assert data_of(sent) == {
        "name": "Collect screenshots",
        "assignee": "greg@example.com",
        "due_at": "2025-06-30T17:00:00Z",
    }
    assert result.ret["parent"] == {"gid": TASK, "name": "Draft Q3 launch plan"}
    assert result.summary == "Created subtask 'Collect screenshots' under 'Draft Q3 launch plan'"


async def test_list_tasks_of_a_project_pages_with_the_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tasks").mock(
        return_value=httpx.Response(
            200,
            json={
                "data": [_task()],
                "next_page": {
                    "offset": "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9",
                    "path": f"/tasks?project={PROJECT}&limit=1&offset=eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9",
                    "uri": f"{API}/tasks?project={PROJECT}&limit=1&offset=eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9",
                },
            },
        )
    )
    result = await run_action(
        catalog.action("asana-list-tasks"),
        {"project": PROJECT, "limit": 1, "cursor": "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ8"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_asana(
        route.calls.last.request,
        "GET",
        f"{API}/tasks",
        {
            "opt_fields": TASK_FIELDS,
            "limit": "1",
            "project": PROJECT,
            "completed_since": "now",
            "offset": "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ8",
        },
    )
    assert result.ret["next_cursor"] == "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"
    assert result.summary == f"Listed 1 task in project {PROJECT} (more available)"


async def test_list_tasks_of_a_person_needs_the_workspace(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tasks").mock(return_value=httpx.Response(200, json={"data": [], "next_page": None}))
    missing = await run_action(catalog.action("asana-list-tasks"), {"assignee": "me"}, auth=AUTH)
    assert "needs the workspace" in missing.error
    result = await run_action(
        catalog.action("asana-list-tasks"),
        {"assignee": "me", "workspace": WORKSPACE, "onlyIncomplete": False},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_asana(
        route.calls.last.request,
        "GET",
        f"{API}/tasks",
        {"opt_fields": TASK_FIELDS, "limit": "25", "assignee": "me", "workspace": WORKSPACE},
    )
    assert result.ret == {"tasks": [], "next_cursor": None}
    assert result.summary == "Listed 0 tasks in me's tasks"


async def test_delete_task(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/tasks/{TASK}").mock(return_value=httpx.Response(200, json={"data": {}}))
    result = await run_action(catalog.action("asana-delete-task"), {"task": TASK}, auth=AUTH)
    assert result.error is None, result.error
    assert_asana(route.calls.last.request, "DELETE", f"{API}/tasks/{TASK}")
    assert route.calls.last.request.content == b""
    assert result.ret == {"gid": TASK, "deleted": True}
    assert result.summary == f"Deleted task {TASK}"


# Errors, refresh and rate limits


async def test_an_unknown_task_reports_asanas_message(catalog, respx_mock):
    respx_mock.get(f"{API}/tasks/{TASK}").mock(
        return_value=httpx.Response(
            404,
            json={
                "errors": [
                    {
                        "message": "task: Unknown object: 1204619611402377",
                        "help": "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors",
                        "phrase": "6 sad squid snuggle softly",
                    }
                ]
            },
        )
    )
    result = await run_action(catalog.action("asana-get-task"), {"task": TASK}, auth=AUTH)
    assert result.error.startswith(
        f"Asana API error 404 on GET {API}/tasks/{TASK}: task: Unknown object: 1204619611402377"
    )
    assert "check that the IDs passed are correct" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/tasks/{TASK}").mock(
        side_effect=[
            httpx.Response(401, json={"errors": [{"message": "Not Authorized"}]}),
            httpx.Response(200, json={"data": {}}),
        ]
    )
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer 2/1204619611402301/1207000000000002:refreshed"}

    result = await run_action(catalog.action("asana-delete-task"), {"task": TASK}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None, result.error
    assert calls == [1]
    assert route.calls[0].request.headers["authorization"] == f"Bearer {AUTH['oauth_access_token']}"
    assert route.calls[1].request.headers["authorization"] == "Bearer 2/1204619611402301/1207000000000002:refreshed"


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/tasks").mock(
        return_value=httpx.Response(
            429,
            json={"errors": [{"message": "You have made too many requests recently. Please, be chill."}]},
            headers={"Retry-After": "30"},
        )
    )
    result = await run_action(catalog.action("asana-list-tasks"), {"project": PROJECT}, auth=AUTH)
    assert "You have made too many requests recently" in result.error
    assert "retry after 30 s" in result.error


# Remote options


async def test_workspace_options_follow_the_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/workspaces").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "data": [{"gid": WORKSPACE, "resource_type": "workspace", "name": "Acme Corp"}],
                    "next_page": {
                        "offset": "eyJvZmZzZXQiOjF9",
                        "path": "/workspaces?limit=100&offset=eyJvZmZzZXQiOjF9",
                        "uri": f"{API}/workspaces?limit=100&offset=eyJvZmZzZXQiOjF9",
                    },
                },
            ),
            httpx.Response(
                200,
                json={
                    "data": [{"gid": "1204619611402341", "resource_type": "workspace", "name": "Personal Projects"}],
                    "next_page": None,
                },
            ),
        ]
    )
    action = catalog.action("asana-create-task")
    first = await fetch_options(action, "workspace", {}, auth=AUTH)
    assert first["options"] == [{"label": "Acme Corp", "value": WORKSPACE}]
    assert first["context"] == {"offset": "eyJvZmZzZXQiOjF9"}
    assert_asana(route.calls[0].request, "GET", f"{API}/workspaces", {"limit": "100"})
    second = await fetch_options(action, "workspace", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Personal Projects", "value": "1204619611402341"}]
    assert second["context"] is None
    assert_asana(route.calls[1].request, "GET", f"{API}/workspaces", {"limit": "100", "offset": "eyJvZmZzZXQiOjF9"})
    done = await fetch_options(action, "workspace", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


async def test_project_section_and_user_options_depend_on_earlier_choices(catalog, respx_mock):
    action = catalog.action("asana-create-task")
    missing = await fetch_options(action, "project", {}, auth=AUTH)
    assert "choose the workspace (workspace) first" in missing["errors"][0]

    projects = respx_mock.get(f"{API}/projects").mock(
        return_value=httpx.Response(
            200, json={"data": [{"gid": PROJECT, "resource_type": "project", "name": "Q3 Launch"}], "next_page": None}
        )
    )
    sections = respx_mock.get(f"{API}/projects/{PROJECT}/sections").mock(
        return_value=httpx.Response(
            200, json={"data": [{"gid": SECTION, "resource_type": "section", "name": "Doing"}], "next_page": None}
        )
    )
    users = respx_mock.get(f"{API}/users").mock(
        return_value=httpx.Response(
            200,
            json={
                "data": [{"gid": USER, "resource_type": "user", "name": "Greg Sanchez", "email": "greg@example.com"}],
                "next_page": None,
            },
        )
    )
    assert (await fetch_options(action, "project", {"workspace": WORKSPACE}, auth=AUTH))["options"] == [
        {"label": "Q3 Launch", "value": PROJECT}
    ]
    assert_asana(
        projects.calls.last.request,
        "GET",
        f"{API}/projects",
        {"workspace": WORKSPACE, "archived": "false", "limit": "100"},
    )
    assert (await fetch_options(action, "section", {"workspace": WORKSPACE, "project": PROJECT}, auth=AUTH))[
        "options"
    ] == [{"label": "Doing", "value": SECTION}]
    assert_asana(sections.calls.last.request, "GET", f"{API}/projects/{PROJECT}/sections", {"limit": "100"})
    assert (await fetch_options(action, "assignee", {"workspace": WORKSPACE}, auth=AUTH))["options"] == [
        {"label": "Greg Sanchez <greg@example.com>", "value": USER}
    ]
    assert_asana(
        users.calls.last.request,
        "GET",
        f"{API}/users",
        {"workspace": WORKSPACE, "opt_fields": "name,email", "limit": "100"},
    )


async def test_team_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/workspaces/{WORKSPACE}/teams").mock(
        return_value=httpx.Response(
            200, json={"data": [{"gid": TEAM, "resource_type": "team", "name": "Marketing"}], "next_page": None}
        )
    )
    response = await fetch_options(catalog.action("asana-create-project"), "team", {"workspace": WORKSPACE}, auth=AUTH)
    assert response["options"] == [{"label": "Marketing", "value": TEAM}]
    assert_asana(route.calls.last.request, "GET", f"{API}/workspaces/{WORKSPACE}/teams", {"limit": "100"})


# Account test and OAuth settings


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(
            client,
            app_name=app.name,
            headers=app.headers_for(creds),
            base_url=app.base_url_for(creds),
            allowed_domains=app.allowed_domains_for(creds),
        )
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_names_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(
        return_value=httpx.Response(
            200,
            json={"data": {"gid": USER, "resource_type": "user", "name": "Greg Sanchez", "email": "greg@example.com"}},
        )
    )
    identity = await _account_test(catalog.apps["asana"], AUTH)
    assert identity == Identity(name="Greg Sanchez <greg@example.com>", external_id=USER)
    assert_asana(route.calls.last.request, "GET", f"{API}/users/me", {"opt_fields": "name,email"})


async def test_account_test_rejects_a_bad_token(catalog, respx_mock):
    respx_mock.get(f"{API}/users/me").mock(
        return_value=httpx.Response(401, json={"errors": [{"message": "Not Authorized"}]})
    )
    with pytest.raises(UpstreamError, match="Not Authorized") as raised:
        await _account_test(catalog.apps["asana"], AUTH)
    assert raised.value.status == 401


def test_authorization_url_asks_for_full_permissions_with_pkce(catalog):
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier-for-tests"
    client = OAuthClient("oa_test", "asana", None, None, "1204619611402999", "secret")
    url = authorization_url(
        catalog.apps["asana"],
        client,
        redirect_uri="https://gateway.example.com/connect/oauth/callback",
        state="st",
        code_verifier=verifier,
    )
    assert url.startswith("https://app.asana.com/-/oauth_authorize?")
    query = parse_qs(urlsplit(url).query)
    assert query["scope"] == ["default"]
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"] == [
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    ]


# Workspaces, projects, sections and comments


def _project(gid=PROJECT, name="Q3 Launch"):
    return {
        "gid": gid,
        "resource_type": "project",
        "name": name,
        "notes": "Everything for the launch.",
        "archived": False,
        "color": "light-green",
        "default_view": "board",
        "due_on": "2025-09-30",
        "start_on": None,
        "owner": {"gid": USER, "resource_type": "user", "name": "Greg Sanchez"},
        "team": {"gid": TEAM, "resource_type": "team", "name": "Marketing"},
        "workspace": {"gid": WORKSPACE, "resource_type": "workspace", "name": "Acme Corp"},
        "current_status_update": {"gid": "1204619611402399", "resource_type": "status_update", "title": "On track"},
        "permalink_url": f"https://app.asana.com/0/{gid}",
        "created_at": "2025-06-20T02:06:58.147Z",
        "modified_at": "2025-06-21T02:06:58.147Z",
    }


def _page(data, offset=None):
    next_page = {"offset": offset, "path": f"/x?offset={offset}", "uri": f"{API}/x?offset={offset}"} if offset else None
    return httpx.Response(200, json={"data": data, "next_page": next_page})


async def test_list_workspaces_follows_offsets_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/workspaces").mock(side_effect=[
        _page([{"gid": WORKSPACE, "resource_type": "workspace", "name": "Acme Corp", "is_organization": True}], "off2"),
        _page([{"gid": "1204619611402341", "resource_type": "workspace", "name": "Personal", "is_organization": False}],
              "off3"),
    ])
    result = await run_action(catalog.action("asana-list-workspaces"), {"limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_asana(route.calls[0].request, "GET", f"{API}/workspaces", {"opt_fields": "name,is_organization", "limit": "2"})
    assert_asana(route.calls[1].request, "GET", f"{API}/workspaces",
                 {"opt_fields": "name,is_organization", "limit": "1", "offset": "off2"})
    assert result.ret == {"workspaces": [
        {"gid": WORKSPACE, "name": "Acme Corp", "is_organization": True},
        {"gid": "1204619611402341", "name": "Personal", "is_organization": False},
    ], "next_cursor": "off3"}
    assert result.summary == "Listed 2 workspaces"


async def test_list_projects_of_a_workspace_or_a_team(catalog, respx_mock):
    route = respx_mock.get(f"{API}/projects").mock(return_value=_page([_project()]))
    result = await run_action(
        catalog.action("asana-list-projects"), {"workspace": WORKSPACE, "archived": False, "cursor": "off9"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_asana(route.calls.last.request, "GET", f"{API}/projects",
                 {"opt_fields": PROJECT_FIELDS, "workspace": WORKSPACE, "archived": "false", "limit": "25",
                  "offset": "off9"})
    assert result.ret["projects"][0] == {
        "gid": PROJECT, "name": "Q3 Launch", "notes": "Everything for the launch.", "archived": False,
        "color": "light-green", "default_view": "board", "due_on": "2025-09-30",
        "owner": {"gid": USER, "name": "Greg Sanchez"}, "team": {"gid": TEAM, "name": "Marketing"},
        "workspace": {"gid": WORKSPACE, "name": "Acme Corp"}, "status": "On track",
        "permalink_url": f"https://app.asana.com/0/{PROJECT}", "created_at": "2025-06-20T02:06:58.147Z",
        "modified_at": "2025-06-21T02:06:58.147Z",
    }
    assert result.ret["next_cursor"] is None and result.summary == "Listed 1 project"

    await run_action(catalog.action("asana-list-projects"), {"workspace": WORKSPACE, "team": TEAM}, auth=AUTH)
    assert_asana(route.calls.last.request, "GET", f"{API}/projects",
                 {"opt_fields": PROJECT_FIELDS, "team": TEAM, "limit": "25"})


async def test_get_project_and_its_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/projects/{PROJECT}").mock(return_value=httpx.Response(200, json={"data": _project()}))
    result = await run_action(catalog.action("asana-get-project"), {"project": PROJECT}, auth=AUTH)
    assert result.error is None, result.error
    assert_asana(route.calls.last.request, "GET", f"{API}/projects/{PROJECT}", {"opt_fields": PROJECT_FIELDS})
    assert result.ret["status"] == "On track" and "resource_type" not in result.ret
    assert result.summary == "Retrieved project 'Q3 Launch'"
    full = await run_action(catalog.action("asana-get-project"), {"project": PROJECT, "fullResponse": True}, auth=AUTH)
    assert full.ret == _project()


async def test_list_and_create_sections(catalog, respx_mock):
    section = {"gid": SECTION, "resource_type": "section", "name": "Doing", "created_at": "2025-06-20T02:06:58.147Z",
               "project": {"gid": PROJECT, "resource_type": "project", "name": "Q3 Launch"}}
    listed = respx_mock.get(f"{API}/projects/{PROJECT}/sections").mock(return_value=_page([section]))
    result = await run_action(catalog.action("asana-list-sections"), {"project": PROJECT, "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_asana(listed.calls.last.request, "GET", f"{API}/projects/{PROJECT}/sections",
                 {"opt_fields": "name,project.name,created_at", "limit": "5"})
    assert result.ret == {"sections": [{"gid": SECTION, "name": "Doing", "project": {"gid": PROJECT, "name": "Q3 Launch"},
                                        "created_at": "2025-06-20T02:06:58.147Z"}], "next_cursor": None}
    assert result.summary == "Listed 1 section"

    created = respx_mock.post(f"{API}/projects/{PROJECT}/sections").mock(
        return_value=httpx.Response(201, json={"data": {**section, "gid": "1204619611402361", "name": "In Review"}})
    )
    result = await run_action(
        catalog.action("asana-create-section"), {"project": PROJECT, "name": "In Review", "insertAfter": SECTION},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_asana(created.calls.last.request, "POST", f"{API}/projects/{PROJECT}/sections",
                 {"opt_fields": "name,project.name,created_at"})
    assert data_of(created.calls.last.request) == {"name": "In Review", "insert_after": SECTION}
    assert result.ret["gid"] == "1204619611402361" and result.summary == "Created section 'In Review'"

    both = await run_action(
        catalog.action("asana-create-section"),
        {"project": PROJECT, "name": "X", "insertAfter": SECTION, "insertBefore": SECTION}, auth=AUTH,
    )
    assert "not both" in both.error and created.call_count == 1


async def test_list_comments_keeps_only_comment_stories(catalog, respx_mock):
    stories = [
        {"gid": "1204619611402501", "resource_type": "story", "type": "comment", "text": "Draft is ready.",
         "created_at": "2025-06-21T09:00:00.000Z", "is_pinned": False,
         "created_by": {"gid": USER, "resource_type": "user", "name": "Greg Sanchez"}},
        {"gid": "1204619611402502", "resource_type": "story", "type": "system", "text": "Greg Sanchez changed the due date",
         "created_at": "2025-06-21T09:05:00.000Z", "is_pinned": False,
         "created_by": {"gid": USER, "resource_type": "user", "name": "Greg Sanchez"}},
    ]
    route = respx_mock.get(f"{API}/tasks/{TASK}/stories").mock(return_value=_page(stories, "off2"))
    result = await run_action(catalog.action("asana-list-comments"), {"task": TASK, "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_asana(route.calls.last.request, "GET", f"{API}/tasks/{TASK}/stories",
                 {"opt_fields": "created_at,created_by.name,text,type,is_pinned", "limit": "2"})
    assert result.ret == {"comments": [{"gid": "1204619611402501", "created_at": "2025-06-21T09:00:00.000Z",
                                        "author": "Greg Sanchez", "text": "Draft is ready.", "is_pinned": False}],
                          "next_cursor": "off2"}
    assert result.summary == "Listed 1 comment among 2 stories"


async def test_task_options_list_my_open_tasks_in_the_workspace(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tasks").mock(side_effect=[
        _page([{"gid": TASK, "resource_type": "task", "name": "Draft Q3 launch plan"}], "off2"),
        _page([{"gid": "1204619611402378", "resource_type": "task", "name": "Book venue"}]),
    ])
    action = catalog.action("asana-get-task")
    first = await fetch_options(action, "task", {"workspace": WORKSPACE}, auth=AUTH)
    assert first["options"] == [{"label": "Draft Q3 launch plan", "value": TASK}]
    assert first["context"] == {"offset": "off2"}
    assert_asana(route.calls[0].request, "GET", f"{API}/tasks", {
        "workspace": WORKSPACE, "assignee": "me", "completed_since": "now", "opt_fields": "name", "limit": "100"})
    second = await fetch_options(action, "task", {"workspace": WORKSPACE}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Book venue", "value": "1204619611402378"}] and second["context"] is None
    assert dict(route.calls[1].request.url.params)["offset"] == "off2"
    missing = await fetch_options(action, "task", {}, auth=AUTH)
    assert "choose the workspace" in missing["errors"][0]
