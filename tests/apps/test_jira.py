"""Jira actions at the HTTP boundary: requests through Atlassian's API gateway as the Jira Cloud
platform REST API v3 reference describes them, answers shaped like its examples
(https://developer.atlassian.com/cloud/jira/platform/rest/v3/)."""

import json
from urllib.parse import parse_qsl

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

# Operations of Jira's reference newer than the directory's description.
VENDOR_EXEMPT = {
    ("POST", "/rest/api/3/search/jql"): "the enhanced JQL search (2024) that replaced /rest/api/3/search",
}

GATEWAY = "https://api.atlassian.com"
TOKEN = "eyJraWQiOiJhdXRoLmF0bGFzc2lhbi5jb20tQUNDRVNTLTk0ZTczYTkwLTUxYWQtNGFjMS1hOWFjLWU4NGUwNDVjNDU3ZCJ9"
AUTH = {"oauth_access_token": TOKEN}
CLOUD = "1324a887-45db-1bf4-1e99-ef0ff456d421"
OTHER_CLOUD = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
JIRA = f"{GATEWAY}/ex/jira/{CLOUD}/rest/api/3"
ACCOUNT = "5b10ac8d82e05b22cc7d4ef5"


def _site(cloud=CLOUD, name="acme", scopes=("read:jira-work", "write:jira-work", "read:jira-user")):
    return {
        "id": cloud,
        "name": name,
        "url": f"https://{name}.atlassian.net",
        "scopes": list(scopes),
        "avatarUrl": "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png",
    }


@pytest.fixture
def sites(respx_mock):
    return respx_mock.get(f"{GATEWAY}/oauth/token/accessible-resources").mock(
        return_value=httpx.Response(200, json=[_site()])
    )


def _user(account_id=ACCOUNT, name="Mia Krystof"):
    return {
        "self": f"https://acme.atlassian.net/rest/api/3/user?accountId={account_id}",
        "accountId": account_id,
        "accountType": "atlassian",
        "emailAddress": "mia@example.com",
        "avatarUrls": {"48x48": f"https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/{account_id}/48"},
        "displayName": name,
        "active": True,
        "timeZone": "Australia/Sydney",
    }


def _adf(*paragraphs):
    return {"type": "doc", "version": 1, "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": p}]} for p in paragraphs]}


def _issue(key="ED-24", *, status="In Progress", category="In Progress", comments=None):
    fields = {
        "summary": "Login page times out",
        "description": _adf("Users see a spinner.", "Happens on Safari."),
        "status": {"self": "https://acme.atlassian.net/rest/api/3/status/3", "name": status, "id": "3",
                   "statusCategory": {"id": 4, "key": "indeterminate", "name": category, "colorName": "yellow"}},
        "issuetype": {"id": "10001", "name": "Bug", "subtask": False},
        "priority": {"id": "2", "name": "High"},
        "assignee": _user(),
        "reporter": _user("5b10a2844c20165700ede21g", "Jamie Doe"),
        "project": {"id": "10000", "key": "ED", "name": "Edison Project"},
        "labels": ["frontend"],
        "created": "2024-06-01T09:15:27.000+0000",
        "updated": "2024-06-03T11:02:44.000+0000",
        "duedate": "2024-06-30",
        "parent": {"id": "10005", "key": "ED-7"},
        "resolution": None,
    }
    if comments is not None:
        fields["comment"] = {"comments": comments, "maxResults": 50, "total": len(comments), "startAt": 0}
    return {"expand": "renderedFields,names,schema", "id": "10002", "self": "https://acme.atlassian.net/rest/api/3/issue/10002",
            "key": key, "fields": fields}


def _comment(comment_id="10000", text="Fixed in the latest build."):
    return {
        "self": f"https://acme.atlassian.net/rest/api/3/issue/10010/comment/{comment_id}",
        "id": comment_id,
        "author": _user(),
        "body": _adf(text),
        "updateAuthor": _user(),
        "created": "2021-01-17T12:34:00.000+0000",
        "updated": "2021-01-18T23:45:00.000+0000",
        "jsdPublic": True,
    }


def assert_jira_request(request, method, url, params=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params.multi_items()) == (params or {})
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


# Issues


async def test_create_issue_sends_fields_with_an_adf_description(catalog, respx_mock, sites):
    myself = respx_mock.get(f"{JIRA}/myself").mock(return_value=httpx.Response(200, json=_user()))
    route = respx_mock.post(f"{JIRA}/issue").mock(return_value=httpx.Response(201, json={
        "id": "10000", "key": "ED-24", "self": "https://acme.atlassian.net/rest/api/3/issue/10000",
        "transition": {"status": 200, "errorCollection": {"errorMessages": [], "errors": {}}}}))
    description = (
        "Users see a spinner.\nThen nothing.\n\n## Steps\n- open https://acme.com/login\n- wait\n\n"
        "```\nTimeoutError: 30s\n```"
    )
    result = await run_action(
        catalog.action("jira-create-issue"),
        {"projectKey": "ed", "issueType": "Bug", "summary": "Login page times out", "description": description,
         "assignee": "me", "priority": "High", "labels": ["frontend"], "parentKey": "ED-7", "dueDate": "2024-06-30"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_jira_request(sites.calls.last.request, "GET", f"{GATEWAY}/oauth/token/accessible-resources")
    assert_jira_request(myself.calls.last.request, "GET", f"{JIRA}/myself")
    sent = route.calls.last.request
    assert_jira_request(sent, "POST", f"{JIRA}/issue")
    assert json.loads(sent.content) == {"fields": {
        "project": {"key": "ED"},
        "issuetype": {"name": "Bug"},
        "summary": "Login page times out",
        "description": {"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Users see a spinner."}, {"type": "hardBreak"}, {"type": "text", "text": "Then nothing."}]},
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Steps"}]},
            {"type": "bulletList", "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [
                    {"type": "text", "text": "open "},
                    {"type": "text", "text": "https://acme.com/login",
                     "marks": [{"type": "link", "attrs": {"href": "https://acme.com/login"}}]}]}]},
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "wait"}]}]}]},
            {"type": "codeBlock", "content": [{"type": "text", "text": "TimeoutError: 30s"}]},
        ]},
        "assignee": {"accountId": ACCOUNT},
        "priority": {"name": "High"},
        "labels": ["frontend"],
        "parent": {"key": "ED-7"},
        "duedate": "2024-06-30",
    }}
    assert result.ret == {"key": "ED-24", "id": "10000", "url": "https://acme.atlassian.net/browse/ED-24"}
    assert result.summary == "Created Jira Bug ED-24: Login page times out"


async def test_create_issue_reports_jira_field_errors(catalog, respx_mock, sites):
    respx_mock.post(f"{JIRA}/issue").mock(return_value=httpx.Response(400, json={
        "errorMessages": [], "errors": {"issuetype": "The issue type selected is invalid.", "summary": "You must specify a summary of the issue."}}))
    result = await run_action(catalog.action("jira-create-issue"),
                              {"projectKey": "ED", "issueType": "Bugg", "summary": " "}, auth=AUTH)
    assert result.ret is None
    assert result.error == (
        "Jira API error 400 on POST /issue: issuetype: The issue type selected is invalid.; summary: You must specify a "
        "summary of the issue. (fix the request values named in the message)"
    )


async def test_update_issue_edits_fields_and_labels_without_notifying(catalog, respx_mock, sites):
    route = respx_mock.put(f"{JIRA}/issue/ED-24").mock(return_value=httpx.Response(204))
    result = await run_action(
        catalog.action("jira-update-issue"),
        {"issueKey": "https://acme.atlassian.net/browse/ED-24", "summary": "Login page times out on Safari",
         "addLabels": ["safari"], "removeLabels": ["frontend"], "notifyUsers": False},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_jira_request(sent, "PUT", f"{JIRA}/issue/ED-24", {"notifyUsers": "false"})
    assert json.loads(sent.content) == {
        "fields": {"summary": "Login page times out on Safari"},
        "update": {"labels": [{"add": "safari"}, {"remove": "frontend"}]},
    }
    assert result.ret == {"key": "ED-24", "updated": ["labels", "summary"], "url": "https://acme.atlassian.net/browse/ED-24"}
    assert result.summary == "Updated labels, summary of Jira issue ED-24"


async def test_update_issue_refuses_labels_and_label_changes_together(catalog, respx_mock, sites):
    result = await run_action(catalog.action("jira-update-issue"),
                              {"issueKey": "ED-24", "labels": ["a"], "addLabels": ["b"]}, auth=AUTH)
    assert "either labels" in result.error


async def test_get_issue_turns_the_description_and_comments_into_text(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issue/ED-24").mock(return_value=httpx.Response(200, json=_issue(comments=[_comment()])))
    result = await run_action(catalog.action("jira-get-issue"), {"issueKey": "ed-24"}, auth=AUTH)
    assert result.error is None, result.error
    fields = "summary,status,issuetype,priority,assignee,reporter,project,labels,created,updated,duedate,description,parent,resolution,comment"
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/issue/ED-24", {"fields": fields})
    assert result.ret["description"] == "Users see a spinner.\n\nHappens on Safari."
    assert result.ret["status"] == "In Progress"
    assert result.ret["assignee"] == "Mia Krystof"
    assert result.ret["parent"] == "ED-7"
    assert result.ret["url"] == "https://acme.atlassian.net/browse/ED-24"
    assert result.ret["comments"] == [{"id": "10000", "author": "Mia Krystof", "body": "Fixed in the latest build.",
                                       "created": "2021-01-17T12:34:00.000+0000", "updated": "2021-01-18T23:45:00.000+0000"}]
    assert result.summary == "Retrieved Jira issue ED-24: Login page times out (In Progress)"


async def test_get_issue_reports_a_missing_issue(catalog, respx_mock, sites):
    respx_mock.get(f"{JIRA}/issue/ED-999").mock(return_value=httpx.Response(404, json={
        "errorMessages": ["Issue does not exist or you do not have permission to see it."], "errors": {}}))
    result = await run_action(catalog.action("jira-get-issue"), {"issueKey": "ED-999"}, auth=AUTH)
    assert "Issue does not exist or you do not have permission to see it." in result.error
    assert "check that the issue key" in result.error


async def test_search_issues_posts_jql_and_returns_the_next_page_token(catalog, respx_mock, sites):
    route = respx_mock.post(f"{JIRA}/search/jql").mock(return_value=httpx.Response(200, json={
        "issues": [_issue()], "nextPageToken": "CAEaAggD", "isLast": False}))
    result = await run_action(
        catalog.action("jira-search-issues"),
        {"jql": "project = ED AND assignee = currentUser()", "maxResults": 1, "nextPageToken": "CAEaAggC"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_jira_request(sent, "POST", f"{JIRA}/search/jql")
    assert json.loads(sent.content) == {
        "jql": "project = ED AND assignee = currentUser()",
        "maxResults": 1,
        "fields": ["summary", "status", "issuetype", "priority", "assignee", "reporter", "project", "labels", "created",
                   "updated", "duedate", "description", "parent", "resolution"],
        "nextPageToken": "CAEaAggC",
    }
    assert result.ret["next_page_token"] == "CAEaAggD"
    assert result.ret["is_last"] is False
    assert result.ret["issues"][0]["key"] == "ED-24"
    assert result.summary == "Found 1 Jira issue for the JQL query (more available)"


_TRANSITIONS = {"expand": "transitions", "transitions": [
    {"id": "11", "name": "To Do", "to": {"id": "10000", "name": "To Do"}, "hasScreen": False},
    {"id": "21", "name": "Start Progress", "to": {"id": "3", "name": "In Progress"}, "hasScreen": False},
    {"id": "31", "name": "Resolve", "to": {"id": "10001", "name": "Done"}, "hasScreen": False},
]}


async def test_transition_issue_by_target_status_name(catalog, respx_mock, sites):
    listing = respx_mock.get(f"{JIRA}/issue/ED-24/transitions").mock(return_value=httpx.Response(200, json=_TRANSITIONS))
    route = respx_mock.post(f"{JIRA}/issue/ED-24/transitions").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("jira-transition-issue"), {"issueKey": "ED-24", "transition": "done"}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(listing.calls.last.request, "GET", f"{JIRA}/issue/ED-24/transitions")
    sent = route.calls.last.request
    assert_jira_request(sent, "POST", f"{JIRA}/issue/ED-24/transitions")
    assert json.loads(sent.content) == {"transition": {"id": "31"}}
    assert result.ret["status"] == "Done"
    assert result.summary == "Moved Jira issue ED-24 to Done (Resolve)"


async def test_transition_issue_lists_what_is_available(catalog, respx_mock, sites):
    respx_mock.get(f"{JIRA}/issue/ED-24/transitions").mock(return_value=httpx.Response(200, json=_TRANSITIONS))
    post = respx_mock.post(f"{JIRA}/issue/ED-24/transitions")
    result = await run_action(catalog.action("jira-transition-issue"), {"issueKey": "ED-24", "transition": "Archive"}, auth=AUTH)
    assert "no transition 'Archive'" in result.error
    assert "Start Progress → In Progress (id 21)" in result.error
    assert not post.calls


async def test_add_comment_sends_adf(catalog, respx_mock, sites):
    route = respx_mock.post(f"{JIRA}/issue/ED-24/comment").mock(
        return_value=httpx.Response(201, json=_comment("10010", "Deployed to staging.")))
    result = await run_action(catalog.action("jira-add-comment"), {"issueKey": "ED-24", "body": "Deployed to staging."}, auth=AUTH)
    assert result.error is None
    sent = route.calls.last.request
    assert_jira_request(sent, "POST", f"{JIRA}/issue/ED-24/comment")
    assert json.loads(sent.content) == {"body": _adf("Deployed to staging.")}
    assert result.ret["body"] == "Deployed to staging."
    assert result.ret["issue"] == "ED-24"
    assert result.summary == "Commented on Jira issue ED-24"


async def test_list_comments_newest_first(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issue/ED-24/comment").mock(return_value=httpx.Response(200, json={
        "comments": [_comment("2", "Second"), _comment("1", "First")], "maxResults": 2, "startAt": 0, "total": 5}))
    result = await run_action(catalog.action("jira-list-comments"), {"issueKey": "ED-24", "maxResults": 2}, auth=AUTH)
    assert result.error is None
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/issue/ED-24/comment",
                        {"startAt": "0", "maxResults": "2", "orderBy": "-created"})
    assert [c["body"] for c in result.ret["comments"]] == ["Second", "First"]
    assert result.summary == "Listed 2 of 5 comments on Jira issue ED-24"


async def test_list_projects_searches_by_name(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/project/search").mock(return_value=httpx.Response(200, json={
        "isLast": True, "maxResults": 50, "startAt": 0, "total": 1,
        "values": [{"id": "10000", "key": "EX", "name": "Example", "projectTypeKey": "software", "simplified": False,
                    "style": "classic", "self": "https://acme.atlassian.net/rest/api/3/project/EX"}]}))
    result = await run_action(catalog.action("jira-list-projects"), {"query": "exa"}, auth=AUTH)
    assert result.error is None
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/project/search",
                        {"startAt": "0", "maxResults": "50", "orderBy": "name", "query": "exa"})
    assert result.ret == {"projects": [{"key": "EX", "name": "Example", "id": "10000", "type": "software",
                                        "team_managed": False}], "total": 1, "is_last": True}
    assert result.summary == "Listed 1 of 1 Jira projects"


async def test_assign_issue_by_email(catalog, respx_mock, sites):
    search = respx_mock.get(f"{JIRA}/user/search").mock(return_value=httpx.Response(200, json=[_user()]))
    route = respx_mock.put(f"{JIRA}/issue/ED-24/assignee").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("jira-assign-issue"), {"issueKey": "ED-24", "assignee": "mia@example.com"}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(search.calls.last.request, "GET", f"{JIRA}/user/search", {"query": "mia@example.com", "maxResults": "2"})
    sent = route.calls.last.request
    assert_jira_request(sent, "PUT", f"{JIRA}/issue/ED-24/assignee")
    assert json.loads(sent.content) == {"accountId": ACCOUNT}
    assert result.summary == f"Assigned Jira issue ED-24 to {ACCOUNT}"


async def test_assign_issue_none_unassigns(catalog, respx_mock, sites):
    route = respx_mock.put(f"{JIRA}/issue/ED-24/assignee").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("jira-assign-issue"), {"issueKey": "ED-24", "assignee": "none"}, auth=AUTH)
    assert result.error is None
    assert json.loads(route.calls.last.request.content) == {"accountId": None}
    assert result.summary == "Unassigned Jira issue ED-24"


async def test_find_users_assignable_in_a_project(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/user/assignable/search").mock(return_value=httpx.Response(200, json=[_user()]))
    result = await run_action(catalog.action("jira-find-users"), {"query": "mia", "projectKey": "ed"}, auth=AUTH)
    assert result.error is None
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/user/assignable/search",
                        {"query": "mia", "maxResults": "20", "project": "ED"})
    assert result.ret == [{"account_id": ACCOUNT, "display_name": "Mia Krystof", "email": "mia@example.com",
                           "active": True, "account_type": "atlassian"}]
    assert result.summary == "Found 1 Jira user matching 'mia'"


async def test_delete_issue_with_subtasks(catalog, respx_mock, sites):
    route = respx_mock.delete(f"{JIRA}/issue/ED-24").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("jira-delete-issue"), {"issueKey": "ED-24", "deleteSubtasks": True}, auth=AUTH)
    assert result.error is None
    assert_jira_request(route.calls.last.request, "DELETE", f"{JIRA}/issue/ED-24", {"deleteSubtasks": "true"})
    assert result.ret == {"key": "ED-24", "deleted": True}
    assert result.summary == "Deleted Jira issue ED-24"


# Sites


async def test_several_sites_need_a_choice(catalog, respx_mock):
    respx_mock.get(f"{GATEWAY}/oauth/token/accessible-resources").mock(return_value=httpx.Response(200, json=[
        _site(), _site(OTHER_CLOUD, "globex")]))
    result = await run_action(catalog.action("jira-get-issue"), {"issueKey": "ED-24"}, auth=AUTH)
    assert "several Jira sites" in result.error
    assert "globex (https://globex.atlassian.net" in result.error


async def test_a_site_url_picks_the_site_and_confluence_only_sites_are_skipped(catalog, respx_mock):
    respx_mock.get(f"{GATEWAY}/oauth/token/accessible-resources").mock(return_value=httpx.Response(200, json=[
        _site(), _site(OTHER_CLOUD, "globex"), _site("99999999-9999-4999-8999-999999999999", "wiki", ("read:page:confluence",))]))
    route = respx_mock.get(f"{GATEWAY}/ex/jira/{OTHER_CLOUD}/rest/api/3/issue/GX-1").mock(
        return_value=httpx.Response(200, json=_issue("GX-1")))
    result = await run_action(catalog.action("jira-get-issue"),
                              {"site": "https://globex.atlassian.net/", "issueKey": "GX-1", "includeComments": False}, auth=AUTH)
    assert result.error is None, result.error
    assert route.called
    assert result.ret["url"] == "https://globex.atlassian.net/browse/GX-1"


async def test_an_unknown_site_is_refused(catalog, respx_mock, sites):
    result = await run_action(catalog.action("jira-get-issue"), {"site": "initech", "issueKey": "ED-1"}, auth=AUTH)
    assert "site 'initech' is not one of the Jira sites" in result.error


# Remote options


async def test_site_options_list_accessible_resources(catalog, respx_mock, sites):
    response = await fetch_options(catalog.action("jira-get-issue"), "site", {}, auth=AUTH)
    assert response["options"] == [{"label": "acme (https://acme.atlassian.net)", "value": CLOUD}]


async def test_project_options_page_by_start_at(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/project/search").mock(side_effect=[
        httpx.Response(200, json={"isLast": False, "maxResults": 50, "startAt": 0, "total": 51,
                                  "values": [{"id": "10000", "key": "EX", "name": "Example"}]}),
        httpx.Response(200, json={"isLast": True, "maxResults": 50, "startAt": 1, "total": 51,
                                  "values": [{"id": "10001", "key": "ED", "name": "Edison Project"}]}),
    ])
    action = catalog.action("jira-create-issue")
    first = await fetch_options(action, "projectKey", {}, auth=AUTH)
    assert first["options"] == [{"label": "Example (EX)", "value": "EX"}]
    assert first["context"] == {"startAt": 1}
    second = await fetch_options(action, "projectKey", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Edison Project (ED)", "value": "ED"}]
    assert second["context"] is None
    assert_jira_request(route.calls[0].request, "GET", f"{JIRA}/project/search", {"orderBy": "name", "startAt": "0", "maxResults": "50"})
    assert_jira_request(route.calls[1].request, "GET", f"{JIRA}/project/search", {"orderBy": "name", "startAt": "1", "maxResults": "50"})


async def test_issue_type_and_transition_options(catalog, respx_mock, sites):
    respx_mock.get(f"{JIRA}/project/ED").mock(return_value=httpx.Response(200, json={
        "id": "10000", "key": "ED", "name": "Edison Project",
        "issueTypes": [{"id": "10001", "name": "Bug", "subtask": False}, {"id": "10002", "name": "Task", "subtask": False}]}))
    respx_mock.get(f"{JIRA}/issue/ED-24/transitions").mock(return_value=httpx.Response(200, json=_TRANSITIONS))
    types = await fetch_options(catalog.action("jira-create-issue"), "issueType", {"projectKey": "ED"}, auth=AUTH)
    assert types["stringOptions"] == ["Bug", "Task"]
    moves = await fetch_options(catalog.action("jira-transition-issue"), "transition", {"issueKey": "ED-24"}, auth=AUTH)
    assert moves["options"][1] == {"label": "Start Progress → In Progress", "value": "21"}


# Auth and rate limits


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issue/ED-24").mock(side_effect=[
        httpx.Response(401, json={"code": 401, "message": "Unauthorized"}),
        httpx.Response(200, json=_issue()),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer refreshed"}

    result = await run_action(catalog.action("jira-get-issue"), {"issueKey": "ED-24"}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None, result.error
    assert calls == [1]
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert route.calls[1].request.headers["authorization"] == "Bearer refreshed"


async def test_a_429_says_when_to_retry(catalog, respx_mock, sites):
    respx_mock.get(f"{JIRA}/issue/ED-24").mock(return_value=httpx.Response(
        429, json={"errorMessages": ["Rate limit exceeded."], "errors": {}}, headers={"Retry-After": "30"}))
    result = await run_action(catalog.action("jira-get-issue"), {"issueKey": "ED-24"}, auth=AUTH)
    assert result.ret is None
    assert result.error == "Jira API error 429 on GET /issue/ED-24: Rate limit exceeded. (rate limited by Jira; retry after 30 s)"


# Account test


async def _account(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_atlassian_account(catalog, respx_mock):
    route = respx_mock.get(f"{GATEWAY}/me").mock(return_value=httpx.Response(200, json={
        "account_type": "atlassian", "account_id": "112233aa-bb11-cc22-33dd-445566abcabc", "email": "mia@example.com",
        "name": "Mia Krystof", "picture": "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/112233aa",
        "account_status": "active", "nickname": "mia", "zoneinfo": "Australia/Sydney", "locale": "en-US"}))
    identity = await _account(catalog.apps["jira"], AUTH)
    assert identity == Identity(name="Mia Krystof", external_id="112233aa-bb11-cc22-33dd-445566abcabc")
    assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"


async def test_account_test_fails_on_a_bad_token(catalog, respx_mock):
    respx_mock.get(f"{GATEWAY}/me").mock(return_value=httpx.Response(401, json={"code": 401, "message": "Unauthorized"}))
    with pytest.raises(UpstreamError, match="Unauthorized"):
        await _account(catalog.apps["jira"], AUTH)


def test_authorization_url_carries_the_atlassian_audience(catalog):
    from urllib.parse import parse_qs, urlsplit

    from mcp_gateway.connect.oauth import authorization_url
    from mcp_gateway.connect.oauth_apps import OAuthClient

    client = OAuthClient("oa_test", "jira", None, None, "client-id", "client-secret")
    url = authorization_url(catalog.apps["jira"], client, redirect_uri="https://gateway.example.com/cb", state="s", code_verifier=None)
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://auth.atlassian.com/authorize"
    assert query["audience"] == ["api.atlassian.com"]
    assert query["prompt"] == ["consent"]
    assert query["scope"] == ["read:jira-work write:jira-work read:jira-user read:me offline_access"]
    assert query["response_type"] == ["code"]


# Token exchange: https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/


@pytest.fixture
def token_endpoint(respx_mock, monkeypatch):
    """`respx_mock`, also answering the OAuth client's requests when it sends them with httpx2."""
    import sys

    from authlib.integrations.httpx_client import AsyncOAuth2Client

    base = next(c for c in AsyncOAuth2Client.__mro__ if c.__name__ == "AsyncClient")
    library = sys.modules[base.__module__.split(".")[0]]
    if library is not httpx:

        async def handle(transport, request):
            mirrored = httpx.Request(request.method, str(request.url), headers=list(request.headers.raw),
                                     content=await request.aread())
            answer = await respx_mock.async_handler(mirrored)
            return library.Response(answer.status_code, headers=list(answer.headers.raw), content=answer.content)

        monkeypatch.setattr(library.AsyncHTTPTransport, "handle_async_request", handle)
    return respx_mock


async def test_code_exchange_posts_the_client_credentials_in_the_body(catalog, token_endpoint):
    from mcp_gateway.connect.oauth import exchange_code
    from mcp_gateway.connect.oauth_apps import OAuthClient

    route = token_endpoint.post("https://auth.atlassian.com/oauth/token").mock(return_value=httpx.Response(200, json={
        "access_token": TOKEN, "refresh_token": "atl-refresh-1", "expires_in": 3600, "token_type": "Bearer",
        "scope": "read:jira-work write:jira-work read:jira-user read:me offline_access"}))
    client = OAuthClient("oa_test", "jira", None, None, "client-id", "client-secret")
    credentials, expires_at = await exchange_code(catalog.apps["jira"], client, code="code-123",
                                                  redirect_uri="https://gateway.example.com/cb", code_verifier=None)
    request = route.calls.last.request
    assert request.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert dict(parse_qsl(request.content.decode())) == {"grant_type": "authorization_code", "code": "code-123",
                                                         "redirect_uri": "https://gateway.example.com/cb",
                                                         "client_id": "client-id", "client_secret": "client-secret"}
    assert credentials["oauth_access_token"] == TOKEN
    assert credentials["oauth_refresh_token"] == "atl-refresh-1"
    assert expires_at is not None
