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


async def test_search_issues_follows_pages_to_the_limit_and_hands_back_the_token(catalog, respx_mock, sites):
    route = respx_mock.post(f"{JIRA}/search/jql").mock(side_effect=[
        httpx.Response(200, json={"issues": [_issue("ED-24")], "nextPageToken": "CAEaAggD", "isLast": False}),
        httpx.Response(200, json={"issues": [_issue("ED-23")], "nextPageToken": "CAEaAggE", "isLast": False}),
        httpx.Response(200, json={"issues": [_issue("ED-22")], "isLast": True}),
    ])
    action = catalog.action("jira-search-issues")
    jql = "project = ED AND assignee = currentUser()"
    result = await run_action(action, {"jql": jql, "limit": 2, "cursor": "CAEaAggC"}, auth=AUTH)
    assert result.error is None, result.error
    fields = ["summary", "status", "issuetype", "priority", "assignee", "reporter", "project", "labels", "created",
              "updated", "duedate", "description", "parent", "resolution"]
    first, second = route.calls[0].request, route.calls[1].request
    assert_jira_request(first, "POST", f"{JIRA}/search/jql")
    assert json.loads(first.content) == {"jql": jql, "maxResults": 2, "fields": fields, "nextPageToken": "CAEaAggC"}
    assert json.loads(second.content) == {"jql": jql, "maxResults": 1, "fields": fields, "nextPageToken": "CAEaAggD"}
    assert [i["key"] for i in result.ret["issues"]] == ["ED-24", "ED-23"]
    assert result.ret["issues"][0]["url"] == "https://acme.atlassian.net/browse/ED-24"
    assert result.ret["issues"][0]["description"] == "Users see a spinner.\n\nHappens on Safari."
    assert result.ret["next_cursor"] == "CAEaAggE"
    assert result.summary == "Found 2 Jira issues for the JQL query (more available)"
    rest = await run_action(action, {"jql": jql, "limit": 2, "cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert json.loads(route.calls[2].request.content)["nextPageToken"] == "CAEaAggE"
    assert [i["key"] for i in rest.ret["issues"]] == ["ED-22"] and rest.ret["next_cursor"] is None


async def test_search_issues_full_response_keeps_jira_fields(catalog, respx_mock, sites):
    respx_mock.post(f"{JIRA}/search/jql").mock(return_value=httpx.Response(200, json={"issues": [_issue()], "isLast": True}))
    result = await run_action(catalog.action("jira-search-issues"), {"jql": "project = ED", "fullResponse": True}, auth=AUTH)
    assert result.error is None, result.error
    issue = result.ret["issues"][0]
    assert issue["fields"]["status"]["statusCategory"]["key"] == "indeterminate"
    assert issue["browseUrl"] == "https://acme.atlassian.net/browse/ED-24"


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
    assert result.ret == {"id": "10010", "author": "Mia Krystof", "body": "Deployed to staging.",
                          "created": "2021-01-17T12:34:00.000+0000", "updated": "2021-01-18T23:45:00.000+0000"}
    assert result.summary == "Commented on Jira issue ED-24"


async def test_list_comments_newest_first_with_a_start_at_cursor(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issue/ED-24/comment").mock(side_effect=[
        httpx.Response(200, json={"comments": [_comment("3", "Third"), _comment("2", "Second")], "maxResults": 2,
                                  "startAt": 0, "total": 3}),
        httpx.Response(200, json={"comments": [_comment("1", "First")], "maxResults": 2, "startAt": 2, "total": 3}),
    ])
    action = catalog.action("jira-list-comments")
    result = await run_action(action, {"issueKey": "ED-24", "limit": 2}, auth=AUTH)
    assert result.error is None
    assert_jira_request(route.calls[0].request, "GET", f"{JIRA}/issue/ED-24/comment",
                        {"orderBy": "-created", "startAt": "0", "maxResults": "2"})
    assert [c["body"] for c in result.ret["comments"]] == ["Third", "Second"]
    assert result.ret["next_cursor"] == "2"
    assert result.summary == "Listed 2 comments on Jira issue ED-24 (more available)"
    rest = await run_action(action, {"issueKey": "ED-24", "limit": 2, "cursor": "2"}, auth=AUTH)
    assert_jira_request(route.calls[1].request, "GET", f"{JIRA}/issue/ED-24/comment",
                        {"orderBy": "-created", "startAt": "2", "maxResults": "2"})
    assert [c["body"] for c in rest.ret["comments"]] == ["First"] and rest.ret["next_cursor"] is None
    bad = await run_action(action, {"issueKey": "ED-24", "cursor": "page-two"}, auth=AUTH)
    assert "next_cursor" in bad.error


async def test_list_projects_searches_by_name(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/project/search").mock(return_value=httpx.Response(200, json={
        "isLast": True, "maxResults": 25, "startAt": 0, "total": 1,
        "values": [{"id": "10000", "key": "EX", "name": "Example", "projectTypeKey": "software", "simplified": False,
                    "style": "classic", "self": "https://acme.atlassian.net/rest/api/3/project/EX"}]}))
    result = await run_action(catalog.action("jira-list-projects"), {"query": "exa"}, auth=AUTH)
    assert result.error is None
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/project/search",
                        {"orderBy": "name", "query": "exa", "startAt": "0", "maxResults": "25"})
    assert result.ret == {"projects": [{"key": "EX", "name": "Example", "id": "10000", "type": "software",
                                        "team_managed": False, "lead": None, "description": None, "issue_types": None}],
                          "next_cursor": None}
    assert result.summary == "Listed 1 Jira projects"


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
    route = respx_mock.get(f"{JIRA}/user/assignable/search").mock(return_value=httpx.Response(200, json=[_user(), _user("5b10a2844c20165700ede21g", "Jamie Doe")]))
    result = await run_action(catalog.action("jira-find-users"), {"query": "mia", "projectKey": "ed", "limit": 2}, auth=AUTH)
    assert result.error is None
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/user/assignable/search",
                        {"query": "mia", "project": "ED", "startAt": "0", "maxResults": "2"})
    assert result.ret["users"][0] == {"account_id": ACCOUNT, "display_name": "Mia Krystof", "email": "mia@example.com",
                                      "active": True, "account_type": "atlassian", "time_zone": "Australia/Sydney"}
    # A full page may be followed by more.
    assert result.ret["next_cursor"] == "2"
    assert result.summary == "Found 2 Jira users matching 'mia'"


async def test_delete_issue_with_subtasks(catalog, respx_mock, sites):
    route = respx_mock.delete(f"{JIRA}/issue/ED-24").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("jira-delete-issue"), {"issueKey": "ED-24", "deleteSubtasks": True}, auth=AUTH)
    assert result.error is None
    assert_jira_request(route.calls.last.request, "DELETE", f"{JIRA}/issue/ED-24", {"deleteSubtasks": "true"})
    assert result.ret == {"key": "ED-24", "deleted": True}
    assert result.summary == "Deleted Jira issue ED-24"


async def test_update_issue_replaces_components(catalog, respx_mock, sites):
    route = respx_mock.put(f"{JIRA}/issue/ED-24").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("jira-update-issue"), {"issueKey": "ED-24", "components": ["Backend"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "PUT", f"{JIRA}/issue/ED-24")
    assert json.loads(route.calls.last.request.content) == {"fields": {"components": [{"name": "Backend"}]}}


async def test_list_transitions(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issue/ED-24/transitions").mock(return_value=httpx.Response(200, json=_TRANSITIONS))
    result = await run_action(catalog.action("jira-list-transitions"), {"issueKey": "ED-24"}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/issue/ED-24/transitions")
    assert result.ret[2] == {"id": "31", "name": "Resolve", "to_status": "Done", "to_status_category": None,
                             "has_screen": False, "available": None}
    assert result.summary == "Jira issue ED-24 has 3 transitions: To Do → To Do, Start Progress → In Progress, Resolve → Done"


async def test_add_watcher_sends_the_account_id_as_a_json_string(catalog, respx_mock, sites):
    myself = respx_mock.get(f"{JIRA}/myself").mock(return_value=httpx.Response(200, json=_user()))
    route = respx_mock.post(f"{JIRA}/issue/ED-24/watchers").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("jira-add-watcher"), {"issueKey": "ED-24"}, auth=AUTH)
    assert result.error is None, result.error
    assert myself.called
    sent = route.calls.last.request
    assert_jira_request(sent, "POST", f"{JIRA}/issue/ED-24/watchers")
    assert sent.headers["content-type"] == "application/json"
    assert json.loads(sent.content) == ACCOUNT
    assert result.ret == {"key": "ED-24", "watcher_account_id": ACCOUNT, "url": "https://acme.atlassian.net/browse/ED-24"}
    assert result.summary == f"{ACCOUNT} now watches Jira issue ED-24"


async def test_link_issues_with_a_comment(catalog, respx_mock, sites):
    route = respx_mock.post(f"{JIRA}/issueLink").mock(return_value=httpx.Response(201))
    result = await run_action(
        catalog.action("jira-link-issues"),
        {"linkType": "Blocks", "outwardIssueKey": "ED-1", "inwardIssueKey": "ed-24", "comment": "Needs the API first."},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "POST", f"{JIRA}/issueLink")
    assert json.loads(route.calls.last.request.content) == {
        "type": {"name": "Blocks"}, "outwardIssue": {"key": "ED-1"}, "inwardIssue": {"key": "ED-24"},
        "comment": {"body": _adf("Needs the API first.")},
    }
    assert result.summary == "Linked Jira issues ED-1 → ED-24 (Blocks)"


_LINK_TYPES = {"issueLinkTypes": [
    {"id": "1000", "name": "Duplicate", "inward": "Duplicated by", "outward": "Duplicates",
     "self": "https://acme.atlassian.net/rest/api/3/issueLinkType/1000"},
    {"id": "1010", "name": "Blocks", "inward": "Blocked by", "outward": "Blocks",
     "self": "https://acme.atlassian.net/rest/api/3/issueLinkType/1010"},
]}


async def test_list_issue_link_types_and_their_options(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issueLinkType").mock(return_value=httpx.Response(200, json=_LINK_TYPES))
    result = await run_action(catalog.action("jira-list-issue-link-types"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/issueLinkType")
    assert result.ret == {"issueLinkTypes": [
        {"id": "1000", "name": "Duplicate", "description": None, "inward": "Duplicated by", "outward": "Duplicates"},
        {"id": "1010", "name": "Blocks", "description": None, "inward": "Blocked by", "outward": "Blocks"}]}
    assert result.summary == "The Jira site has 2 issue link types"
    options = await fetch_options(catalog.action("jira-link-issues"), "linkType", {}, auth=AUTH)
    assert options["options"][1] == {"label": "Blocks (Blocks / Blocked by)", "value": "Blocks"}


def _worklog(worklog_id="100028", spent="3h 20m", seconds=12000):
    return {
        "self": f"https://acme.atlassian.net/rest/api/3/issue/10010/worklog/{worklog_id}",
        "author": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": False},
        "comment": _adf("I did some work here."),
        "updated": "2021-01-18T23:45:00.000+0000",
        "started": "2021-01-17T12:34:00.000+0000",
        "timeSpent": spent, "timeSpentSeconds": seconds, "id": worklog_id, "issueId": "10002",
    }


async def test_add_worklog_converts_the_start_time(catalog, respx_mock, sites):
    route = respx_mock.post(f"{JIRA}/issue/ED-24/worklog").mock(return_value=httpx.Response(201, json=_worklog()))
    action = catalog.action("jira-add-worklog")
    result = await run_action(
        action,
        {"issueKey": "ED-24", "timeSpent": "3h 20m", "started": "2021-01-17T12:34:00Z", "comment": "I did some work here.",
         "adjustEstimate": "leave"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "POST", f"{JIRA}/issue/ED-24/worklog", {"adjustEstimate": "leave"})
    assert json.loads(route.calls.last.request.content) == {
        "timeSpent": "3h 20m", "started": "2021-01-17T12:34:00.000+0000", "comment": _adf("I did some work here.")}
    assert result.ret == {"id": "100028", "author": "Mia Krystof", "time_spent": "3h 20m", "time_spent_seconds": 12000,
                          "started": "2021-01-17T12:34:00.000+0000", "comment": "I did some work here.", "issue_id": "10002"}
    assert result.summary == "Logged 3h 20m on Jira issue ED-24"
    bad = await run_action(action, {"issueKey": "ED-24", "timeSpent": "two hours"}, auth=AUTH)
    assert "Jira duration" in bad.error
    naive = await run_action(action, {"issueKey": "ED-24", "timeSpent": "1h", "started": "2021-01-17T12:34:00"}, auth=AUTH)
    assert "time zone offset" in naive.error
    assert route.call_count == 1


async def test_list_worklogs(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issue/ED-24/worklog").mock(return_value=httpx.Response(200, json={
        "startAt": 0, "maxResults": 25, "total": 2, "worklogs": [_worklog(), _worklog("100029", "1h", 3600)]}))
    result = await run_action(catalog.action("jira-list-worklogs"), {"issueKey": "ED-24"}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/issue/ED-24/worklog", {"startAt": "0", "maxResults": "25"})
    assert [w["time_spent"] for w in result.ret["worklogs"]] == ["3h 20m", "1h"]
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 2 worklogs (4.33333 h) on Jira issue ED-24"


async def test_add_attachment_uploads_a_file_from_tmp(catalog, respx_mock, sites, tmp_path):
    (tmp_path / "screenshot.png").write_bytes(b"\x89PNG fake image")
    route = respx_mock.post(f"{JIRA}/issue/ED-24/attachments").mock(return_value=httpx.Response(200, json=[{
        "self": "https://acme.atlassian.net/rest/api/3/attachments/10000", "id": "10001", "filename": "screenshot.png",
        "author": _user(), "created": "2023-04-21T12:39:29.304+0000", "size": 15, "mimeType": "image/png",
        "content": "https://acme.atlassian.net/rest/api/3/attachment/content/10000",
        "thumbnail": "https://acme.atlassian.net/rest/api/3/attachment/thumbnail/10000"}]))
    action = catalog.action("jira-add-attachment")
    result = await run_action(action, {"issueKey": "ED-24", "filePath": "/tmp/screenshot.png"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_jira_request(sent, "POST", f"{JIRA}/issue/ED-24/attachments")
    assert sent.headers["x-atlassian-token"] == "no-check"
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="screenshot.png"' in sent.content and b"\x89PNG fake image" in sent.content
    assert result.ret == [{"id": "10001", "filename": "screenshot.png", "size": 15, "mime_type": "image/png",
                           "created": "2023-04-21T12:39:29.304+0000",
                           "content_url": "https://acme.atlassian.net/rest/api/3/attachment/content/10000"}]
    assert result.summary == "Attached screenshot.png (15 bytes) to Jira issue ED-24"
    missing = await run_action(action, {"issueKey": "ED-24", "filePath": "/tmp/nope.png"}, auth=AUTH, tmp_dir=tmp_path)
    assert "is not a file in /tmp" in missing.error


async def test_update_and_delete_a_comment(catalog, respx_mock, sites):
    put = respx_mock.put(f"{JIRA}/issue/ED-24/comment/10010").mock(
        return_value=httpx.Response(200, json=_comment("10010", "Deployed to production.")))
    delete = respx_mock.delete(f"{JIRA}/issue/ED-24/comment/10010").mock(return_value=httpx.Response(204))
    updated = await run_action(
        catalog.action("jira-update-comment"),
        {"issueKey": "ED-24", "commentId": "10010", "body": "Deployed to production.", "notifyUsers": False}, auth=AUTH,
    )
    assert updated.error is None, updated.error
    assert_jira_request(put.calls.last.request, "PUT", f"{JIRA}/issue/ED-24/comment/10010", {"notifyUsers": "false"})
    assert json.loads(put.calls.last.request.content) == {"body": _adf("Deployed to production.")}
    assert updated.ret["body"] == "Deployed to production."
    assert updated.summary == "Updated comment 10010 on Jira issue ED-24"
    deleted = await run_action(catalog.action("jira-delete-comment"), {"issueKey": "ED-24", "commentId": "10010"}, auth=AUTH)
    assert deleted.error is None, deleted.error
    assert_jira_request(delete.calls.last.request, "DELETE", f"{JIRA}/issue/ED-24/comment/10010")
    assert deleted.ret == {"key": "ED-24", "comment_id": "10010", "deleted": True}
    wrong = await run_action(catalog.action("jira-delete-comment"), {"issueKey": "ED-24", "commentId": "latest"}, auth=AUTH)
    assert "numeric ID" in wrong.error
    assert delete.call_count == 1


# Projects, users and site configuration


_PROJECT = {
    "self": "https://acme.atlassian.net/rest/api/3/project/10000", "id": "10000", "key": "ED", "name": "Edison Project",
    "description": "This project was created as an example for REST.", "projectTypeKey": "software", "simplified": False,
    "lead": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": False},
    "issueTypes": [
        {"self": "https://acme.atlassian.net/rest/api/3/issueType/3", "id": "3", "description": "A task that needs to be done.",
         "name": "Task", "subtask": False, "avatarId": 1, "hierarchyLevel": 0},
        {"self": "https://acme.atlassian.net/rest/api/3/issueType/1", "id": "1", "description": "A problem with the software.",
         "name": "Bug", "subtask": False, "avatarId": 10002, "hierarchyLevel": 0},
    ],
}


async def test_get_project(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/project/ED").mock(return_value=httpx.Response(200, json=_PROJECT))
    result = await run_action(catalog.action("jira-get-project"), {"projectKey": "ed"}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/project/ED")
    assert result.ret == {"key": "ED", "name": "Edison Project", "id": "10000", "type": "software", "team_managed": False,
                          "lead": "Mia Krystof", "description": "This project was created as an example for REST.",
                          "issue_types": ["Task", "Bug"]}
    assert result.summary == "Retrieved Jira project ED: Edison Project"


async def test_list_issue_types_of_a_project_or_the_site(catalog, respx_mock, sites):
    project = respx_mock.get(f"{JIRA}/project/ED").mock(return_value=httpx.Response(200, json=_PROJECT))
    everywhere = respx_mock.get(f"{JIRA}/issuetype").mock(return_value=httpx.Response(200, json=_PROJECT["issueTypes"][:1]))
    action = catalog.action("jira-list-issue-types")
    result = await run_action(action, {"projectKey": "ED"}, auth=AUTH)
    assert result.error is None, result.error
    assert project.called
    assert result.ret[0] == {"id": "3", "name": "Task", "description": "A task that needs to be done.", "subtask": False,
                             "hierarchy_level": 0}
    assert result.summary == "Jira project ED has 2 issue types: Task, Bug"
    site = await run_action(action, {}, auth=AUTH)
    assert_jira_request(everywhere.calls.last.request, "GET", f"{JIRA}/issuetype")
    assert site.summary == "the Jira site has 1 issue types: Task"


async def test_list_components(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/project/ED/components").mock(return_value=httpx.Response(200, json=[{
        "self": "https://acme.atlassian.net/rest/api/3/component/10000", "id": "10000", "name": "Component 1",
        "description": "This is a Jira component",
        "lead": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": False},
        "assigneeType": "PROJECT_LEAD", "isAssigneeTypeValid": False, "project": "ED", "projectId": 10000}]))
    result = await run_action(catalog.action("jira-list-components"), {"projectKey": "ED"}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/project/ED/components")
    assert result.ret == [{"id": "10000", "name": "Component 1", "description": "This is a Jira component",
                           "lead": "Mia Krystof", "assignee_type": "PROJECT_LEAD", "project": "ED"}]
    assert result.summary == "Jira project ED has 1 components"


async def test_list_versions_pages_with_start_at(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/project/ED/version").mock(return_value=httpx.Response(200, json={
        "self": "https://acme.atlassian.net/rest/api/3/project/ED/version?startAt=0&maxResults=2",
        "nextPage": "https://acme.atlassian.net/rest/api/3/project/ED/version?startAt=2&maxResults=2",
        "maxResults": 2, "startAt": 0, "total": 7, "isLast": False,
        "values": [
            {"self": "https://acme.atlassian.net/rest/api/3/version/10000", "id": "10000", "description": "An excellent version",
             "name": "New Version 1", "archived": False, "released": True, "releaseDate": "2010-07-06", "overdue": True,
             "userReleaseDate": "6/Jul/2010", "projectId": 10000},
            {"self": "https://acme.atlassian.net/rest/api/3/version/10010", "id": "10010", "description": "Minor Bugfix version",
             "name": "Next Version", "archived": False, "released": False, "overdue": False, "projectId": 10000},
        ]}))
    result = await run_action(catalog.action("jira-list-versions"), {"projectKey": "ED", "status": "released", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/project/ED/version",
                        {"orderBy": "-releaseDate", "status": "released", "startAt": "0", "maxResults": "2"})
    assert result.ret["versions"][0] == {"id": "10000", "name": "New Version 1", "description": "An excellent version",
                                         "released": True, "archived": False, "overdue": True, "start_date": None,
                                         "release_date": "2010-07-06", "project_id": 10000}
    assert result.ret["next_cursor"] == "2"
    assert result.summary == "Listed 2 versions of Jira project ED (more available)"


async def test_get_current_user(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/myself").mock(return_value=httpx.Response(200, json=_user()))
    result = await run_action(catalog.action("jira-get-current-user"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/myself")
    assert result.ret["account_id"] == ACCOUNT and result.ret["time_zone"] == "Australia/Sydney"
    assert result.summary == f"Connected to Jira as Mia Krystof ({ACCOUNT})"


_PRIORITIES = [
    {"self": "https://acme.atlassian.net/rest/api/3/priority/3", "statusColor": "#009900", "description": "Major loss of function.",
     "iconUrl": "https://acme.atlassian.net/images/icons/priorities/major.png", "name": "Major", "id": "1"},
    {"self": "https://acme.atlassian.net/rest/api/3/priority/5", "statusColor": "#cfcfcf", "description": "Very little impact.",
     "iconUrl": "https://acme.atlassian.net/images/icons/priorities/trivial.png", "name": "Trivial", "id": "2"},
]


async def test_list_priorities_and_their_options(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/priority").mock(return_value=httpx.Response(200, json=_PRIORITIES))
    result = await run_action(catalog.action("jira-list-priorities"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/priority")
    assert result.ret == [{"id": "1", "name": "Major", "description": "Major loss of function."},
                          {"id": "2", "name": "Trivial", "description": "Very little impact."}]
    assert result.summary == "The Jira site has 2 priorities: Major, Trivial"
    options = await fetch_options(catalog.action("jira-create-issue"), "priority", {}, auth=AUTH)
    assert options["stringOptions"] == ["Major", "Trivial"]


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


async def test_issue_options_come_from_the_issue_picker(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issue/picker").mock(return_value=httpx.Response(200, json={"sections": [
        {"label": "History Search", "sub": "Showing 2 of 2 matching issues", "id": "hs", "issues": [
            {"key": "ED-24", "keyHtml": "ED-24", "img": "/images/icons/issuetypes/bug.svg",
             "summary": "Login page <b>times</b> out", "summaryText": "Login page times out"},
            {"key": "ED-7", "keyHtml": "ED-7", "img": "/images/icons/issuetypes/epic.svg",
             "summary": "Auth rework", "summaryText": "Auth rework"}]},
        {"label": "Current Search", "sub": "Showing 1 of 1 matching issues", "id": "cs", "issues": [
            {"key": "ED-24", "keyHtml": "ED-24", "img": "/images/icons/issuetypes/bug.svg",
             "summary": "Login page times out", "summaryText": "Login page times out"}]},
    ]}))
    options = await fetch_options(catalog.action("jira-get-issue"), "issueKey", {}, auth=AUTH, query="login")
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/issue/picker", {"query": "login", "showSubTasks": "true"})
    assert options["options"] == [{"label": "ED-24: Login page times out", "value": "ED-24"},
                                  {"label": "ED-7: Auth rework", "value": "ED-7"}]


async def test_comment_options_list_the_issue_comments(catalog, respx_mock, sites):
    route = respx_mock.get(f"{JIRA}/issue/ED-24/comment").mock(return_value=httpx.Response(200, json={
        "comments": [_comment("10010", "Deployed to staging.")], "maxResults": 50, "startAt": 0, "total": 1}))
    action = catalog.action("jira-update-comment")
    options = await fetch_options(action, "commentId", {"issueKey": "ED-24"}, auth=AUTH)
    assert_jira_request(route.calls.last.request, "GET", f"{JIRA}/issue/ED-24/comment", {"orderBy": "-created", "maxResults": "50"})
    assert options["options"] == [{"label": "Mia Krystof: Deployed to staging.", "value": "10010"}]
    missing = await fetch_options(action, "commentId", {}, auth=AUTH)
    assert "choose the issue first" in missing["errors"][0]


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
