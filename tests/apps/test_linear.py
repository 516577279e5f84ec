"""Linear actions at the HTTP boundary: GraphQL requests to https://api.linear.app/graphql as
Linear's schema defines them, answers shaped like its responses (https://linear.app/developers)."""

import json
import time

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

URL = "https://api.linear.app/graphql"
TOKEN = "lin_oauth_8f3c2a1b9d7e6f5a4b3c2d1e0f9a8b7c"
AUTH = {"oauth_access_token": TOKEN}
TEAM = "9cfb482a-81e3-4154-b5b9-2c805e70a02d"
ISSUE = "b3d3b8a3-7c1e-4a6f-9d2e-5f1a2b3c4d5e"
STATE = "f3c1a2b4-5d6e-4f70-8a9b-0c1d2e3f4a5b"
USER = "2e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8"
LABEL = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
PROJECT = "c0ffee00-1234-4abc-8def-0123456789ab"


def _issue(identifier="ENG-123", *, title="Checkout times out", state="In Progress", state_type="started"):
    return {
        "id": ISSUE,
        "identifier": identifier,
        "title": title,
        "description": "Paying with a saved card spins forever.",
        "url": f"https://linear.app/acme/issue/{identifier}/checkout-times-out",
        "priority": 2,
        "priorityLabel": "High",
        "estimate": 3,
        "dueDate": "2024-06-30",
        "createdAt": "2024-06-01T09:15:27.000Z",
        "updatedAt": "2024-06-03T11:02:44.000Z",
        "completedAt": None,
        "canceledAt": None,
        "state": {"id": STATE, "name": state, "type": state_type},
        "team": {"id": TEAM, "key": "ENG", "name": "Engineering"},
        "assignee": {"id": USER, "name": "Ada Lovelace", "email": "ada@acme.com"},
        "creator": {"id": USER, "name": "Ada Lovelace"},
        "project": {"id": PROJECT, "name": "Checkout redesign"},
        "parent": None,
        "labels": {"nodes": [{"id": LABEL, "name": "Bug"}]},
    }


def _data(payload):
    return httpx.Response(200, json={"data": payload})


def sent(call):
    """The GraphQL request of one call: its query text and variables."""
    request = call.request
    assert request.method == "POST"
    assert str(request.url) == URL
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    body = json.loads(request.content)
    return body["query"], body["variables"]


# Issues


async def test_create_issue_with_ids_sends_one_mutation(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"issueCreate": {"success": True, "issue": _issue()}}))
    result = await run_action(
        catalog.action("linear-create-issue"),
        {
            "teamId": TEAM,
            "title": "Checkout times out",
            "description": "Paying with a saved card spins forever.",
            "assignee": USER,
            "stateId": STATE,
            "priority": 2,
            "labelIds": [LABEL],
            "projectId": PROJECT,
            "dueDate": "2024-06-30",
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert route.call_count == 1
    query, variables = sent(route.calls.last)
    assert "issueCreate(input: $input)" in query
    assert variables == {"input": {
        "teamId": TEAM,
        "title": "Checkout times out",
        "description": "Paying with a saved card spins forever.",
        "assigneeId": USER,
        "stateId": STATE,
        "priority": 2,
        "labelIds": [LABEL],
        "projectId": PROJECT,
        "dueDate": "2024-06-30",
    }}
    assert result.ret["identifier"] == "ENG-123"
    assert result.ret["state"] == "In Progress"
    assert result.ret["labels"] == ["Bug"]
    assert result.ret["assignee"] == "Ada Lovelace"
    assert result.summary == "Created Linear issue ENG-123: Checkout times out"


async def test_create_issue_resolves_a_team_key_state_name_me_and_parent(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        _data({"teams": {"nodes": [{"id": TEAM, "key": "ENG", "name": "Engineering"}]}}),
        _data({"viewer": {"id": USER}}),
        _data({"workflowStates": {"nodes": [{"id": STATE, "name": "In Progress"}]}}),
        _data({"issue": {"id": "11111111-2222-4333-8444-555555555555", "identifier": "ENG-100", "team": {"id": TEAM}}}),
        _data({"issueCreate": {"success": True, "issue": _issue("ENG-124")}}),
    ])
    result = await run_action(
        catalog.action("linear-create-issue"),
        {"teamId": "eng", "title": "Sub task", "assignee": "me", "stateId": "In Progress", "parentId": "ENG-100"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    calls = [sent(c) for c in route.calls]
    assert calls[0][1] == {"value": "eng"} and "teams(filter:" in calls[0][0]
    assert "viewer { id }" in calls[1][0]
    assert calls[2][1] == {"teamId": TEAM, "name": "In Progress"}
    assert calls[3][1] == {"id": "ENG-100"}
    assert calls[4][1] == {"input": {"teamId": TEAM, "title": "Sub task", "assigneeId": USER, "stateId": STATE,
                                     "parentId": "11111111-2222-4333-8444-555555555555"}}
    assert result.summary == "Created Linear issue ENG-124: Checkout times out"


async def test_create_issue_reports_an_unknown_team_key(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"teams": {"nodes": []}}))
    result = await run_action(catalog.action("linear-create-issue"), {"teamId": "NOPE", "title": "x"}, auth=AUTH)
    assert "no Linear team has the key or name 'NOPE'" in result.error
    assert route.call_count == 1


async def test_update_issue_moves_it_to_a_state_by_name(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        _data({"issue": {"id": ISSUE, "identifier": "ENG-123", "team": {"id": TEAM}}}),
        _data({"workflowStates": {"nodes": [{"id": STATE, "name": "Done"}]}}),
        _data({"issueUpdate": {"success": True, "issue": _issue(state="Done", state_type="completed")}}),
    ])
    result = await run_action(
        catalog.action("linear-update-issue"),
        {"issueId": "ENG-123", "stateId": "Done", "priority": 1, "assignee": "none", "addLabelIds": [LABEL]},
        auth=AUTH,
    )
    assert result.error is None, result.error
    calls = [sent(c) for c in route.calls]
    assert calls[0][1] == {"id": "ENG-123"}
    assert calls[1][1] == {"teamId": TEAM, "name": "Done"}
    assert "issueUpdate(id: $id, input: $input)" in calls[2][0]
    assert calls[2][1] == {"id": ISSUE, "input": {"priority": 1, "addedLabelIds": [LABEL], "assigneeId": None,
                                                  "stateId": STATE}}
    assert result.ret["state"] == "Done"
    assert result.summary == "Updated addedLabelIds, assigneeId, priority, stateId of Linear issue ENG-123 (now Done)"


async def test_update_issue_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("linear-update-issue"), {"issueId": "ENG-123"}, auth=AUTH)
    assert "nothing to change" in result.error
    assert not respx_mock.calls


async def test_get_issue_returns_its_comments(catalog, respx_mock):
    issue = {**_issue(), "comments": {"nodes": [{"id": "cmt-1", "body": "Reproduced on staging.",
                                                 "createdAt": "2024-06-02T08:00:00.000Z",
                                                 "user": {"id": USER, "name": "Ada Lovelace"}}]}}
    route = respx_mock.post(URL).mock(return_value=_data({"issue": issue}))
    result = await run_action(catalog.action("linear-get-issue"), {"issueId": "ENG-123", "maxComments": 10}, auth=AUTH)
    assert result.error is None
    query, variables = sent(route.calls.last)
    assert variables == {"id": "ENG-123", "comments": 10}
    assert "comments(first: $comments)" in query
    assert result.ret["comments"] == [{"id": "cmt-1", "body": "Reproduced on staging.", "author": "Ada Lovelace",
                                       "created_at": "2024-06-02T08:00:00.000Z"}]
    assert result.ret["project"] == "Checkout redesign"
    assert result.summary == "Retrieved Linear issue ENG-123: Checkout times out"


async def test_get_issue_explains_a_missing_issue(catalog, respx_mock):
    respx_mock.post(URL).mock(return_value=httpx.Response(400, json={
        "errors": [{"message": "Entity not found: Issue", "path": ["issue"],
                    "extensions": {"type": "invalid input", "code": "INPUT_ERROR", "userError": True,
                                   "userPresentableMessage": "Could not find referenced Issue."}}],
        "data": None}))
    result = await run_action(catalog.action("linear-get-issue"), {"issueId": "ENG-999"}, auth=AUTH)
    assert result.ret is None
    assert result.error == "Linear API error: Could not find referenced Issue. (fix the values named in the message)"


async def test_search_issues_returns_matches_and_a_cursor(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"searchIssues": {
        "totalCount": 7, "nodes": [_issue()], "pageInfo": {"hasNextPage": True, "endCursor": "cursor-2"}}}))
    result = await run_action(
        catalog.action("linear-search-issues"),
        {"term": "checkout", "teamId": TEAM, "includeComments": True, "limit": 1, "cursor": "cursor-1"},
        auth=AUTH,
    )
    assert result.error is None
    query, variables = sent(route.calls.last)
    assert "searchIssues(term: $term" in query
    assert variables == {"term": "checkout", "first": 1, "after": "cursor-1", "includeComments": True, "teamId": TEAM}
    assert result.ret["total_count"] == 7
    assert result.ret["next_cursor"] == "cursor-2"
    assert result.ret["issues"][0]["identifier"] == "ENG-123"
    assert result.summary == "Found 7 Linear issues for 'checkout', returned 1"


async def test_list_issues_builds_the_filter(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"issues": {
        "nodes": [_issue()], "pageInfo": {"hasNextPage": False, "endCursor": "x"}}}))
    result = await run_action(
        catalog.action("linear-list-issues"),
        {"teamId": TEAM, "assignee": "me", "stateType": "started", "priority": 2, "cycle": "current", "limit": 10},
        auth=AUTH,
    )
    assert result.error is None
    query, variables = sent(route.calls.last)
    assert "orderBy: updatedAt" in query
    assert variables == {
        "filter": {"team": {"id": {"eq": TEAM}}, "assignee": {"isMe": {"eq": True}}, "state": {"type": {"eq": "started"}},
                   "priority": {"eq": 2}, "cycle": {"isActive": {"eq": True}}},
        "first": 10,
        "after": None,
    }
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 Linear issue"


async def test_delete_issue_trashes_it(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"issueDelete": {"success": True}}))
    result = await run_action(catalog.action("linear-delete-issue"), {"issueId": "ENG-123"}, auth=AUTH)
    assert result.error is None
    query, variables = sent(route.calls.last)
    assert "issueDelete(id: $id)" in query and variables == {"id": "ENG-123"}
    assert result.ret == {"id": "ENG-123", "deleted": True}
    assert result.summary == "Deleted Linear issue ENG-123 (moved to trash)"


async def test_create_comment_resolves_the_identifier(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        _data({"issue": {"id": ISSUE, "identifier": "ENG-123", "team": {"id": TEAM}}}),
        _data({"commentCreate": {"success": True, "comment": {
            "id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "body": "Fixed in #512", "createdAt": "2024-06-04T10:00:00.000Z",
            "url": "https://linear.app/acme/issue/ENG-123/checkout-times-out#comment-5a6b7c8d",
            "user": {"id": USER, "name": "Ada Lovelace"}, "issue": {"identifier": "ENG-123"}}}}),
    ])
    result = await run_action(catalog.action("linear-create-comment"), {"issueId": "ENG-123", "body": "Fixed in #512"}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls[1])
    assert "commentCreate(input: $input)" in query
    assert variables == {"input": {"issueId": ISSUE, "body": "Fixed in #512"}}
    assert result.ret["author"] == "Ada Lovelace"
    assert result.summary == "Commented on Linear issue ENG-123"


# Teams, projects, people


async def test_list_teams(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"teams": {"nodes": [
        {"id": TEAM, "key": "ENG", "name": "Engineering", "description": None, "private": False}],
        "pageInfo": {"hasNextPage": True, "endCursor": "teams-2"}}}))
    result = await run_action(catalog.action("linear-list-teams"), {"limit": 1}, auth=AUTH)
    assert result.error is None
    query, variables = sent(route.calls.last)
    assert "teams(first: $first, after: $after)" in query and variables == {"first": 1, "after": None}
    assert result.ret == {"teams": [{"id": TEAM, "key": "ENG", "name": "Engineering", "description": None,
                                     "private": False}], "next_cursor": "teams-2"}
    assert result.summary == "Listed 1 Linear team"


async def test_list_projects_of_a_team(catalog, respx_mock):
    project = {"id": PROJECT, "name": "Checkout redesign", "description": "New checkout", "progress": 0.4,
               "url": "https://linear.app/acme/project/checkout-redesign-0123456789ab", "startDate": "2024-05-01",
               "targetDate": "2024-07-31", "status": {"name": "In Progress", "type": "started"},
               "lead": {"id": USER, "name": "Ada Lovelace"}, "teams": {"nodes": [{"key": "ENG"}]}}
    route = respx_mock.post(URL).mock(return_value=_data({"team": {"projects": {
        "nodes": [project], "pageInfo": {"hasNextPage": False, "endCursor": None}}}}))
    result = await run_action(catalog.action("linear-list-projects"), {"teamId": TEAM, "limit": 20}, auth=AUTH)
    assert result.error is None
    query, variables = sent(route.calls.last)
    assert "team(id: $teamId)" in query
    assert variables == {"first": 20, "after": None, "teamId": TEAM}
    assert result.ret["projects"][0]["status"] == "In Progress"
    assert result.ret["projects"][0]["teams"] == ["ENG"]
    assert result.summary == "Listed 1 Linear project"


async def test_create_project_for_teams(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"projectCreate": {"success": True, "project": {
        "id": PROJECT, "name": "Checkout redesign", "description": "New checkout",
        "url": "https://linear.app/acme/project/checkout-redesign-0123456789ab", "startDate": None,
        "targetDate": "2024-07-31", "lead": {"id": USER, "name": "Ada Lovelace"}, "teams": {"nodes": [{"key": "ENG"}]}}}}))
    result = await run_action(
        catalog.action("linear-create-project"),
        {"name": "Checkout redesign", "teamIds": [TEAM], "description": "New checkout", "lead": USER,
         "targetDate": "2024-07-31"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    query, variables = sent(route.calls.last)
    assert "projectCreate(input: $input)" in query
    assert variables == {"input": {"name": "Checkout redesign", "teamIds": [TEAM], "description": "New checkout",
                                   "leadId": USER, "targetDate": "2024-07-31"}}
    assert result.ret["url"] == "https://linear.app/acme/project/checkout-redesign-0123456789ab"
    assert result.summary == "Created Linear project Checkout redesign"


async def test_list_users_matching_text(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"users": {"nodes": [
        {"id": USER, "name": "Ada Lovelace", "displayName": "ada", "email": "ada@acme.com", "active": True, "admin": False}],
        "pageInfo": {"hasNextPage": False, "endCursor": None}}}))
    result = await run_action(catalog.action("linear-list-users"), {"query": "ada", "limit": 5}, auth=AUTH)
    assert result.error is None
    _, variables = sent(route.calls.last)
    assert variables == {"first": 5, "after": None, "filter": {"or": [
        {"name": {"containsIgnoreCase": "ada"}}, {"displayName": {"containsIgnoreCase": "ada"}},
        {"email": {"containsIgnoreCase": "ada"}}]}}
    assert result.ret["users"][0]["email"] == "ada@acme.com" and result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 Linear user matching 'ada'"


# Remote options


async def test_team_options_follow_the_cursor(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        _data({"teams": {"nodes": [{"id": TEAM, "key": "ENG", "name": "Engineering"}],
                         "pageInfo": {"hasNextPage": True, "endCursor": "c1"}}}),
        _data({"teams": {"nodes": [{"id": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", "key": "DES", "name": "Design"}],
                         "pageInfo": {"hasNextPage": False, "endCursor": "c2"}}}),
    ])
    action = catalog.action("linear-create-issue")
    first = await fetch_options(action, "teamId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Engineering (ENG)", "value": TEAM}]
    assert first["context"] == {"cursor": "c1"}
    second = await fetch_options(action, "teamId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Design (DES)", "value": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"}]
    assert second["context"] is None
    assert sent(route.calls[0])[1] == {"after": None}
    assert sent(route.calls[1])[1] == {"after": "c1"}


async def test_state_options_list_the_teams_workflow(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"team": {"states": {
        "nodes": [{"id": STATE, "name": "In Progress", "type": "started"}], "pageInfo": {"hasNextPage": False}}}}))
    response = await fetch_options(catalog.action("linear-create-issue"), "stateId", {"teamId": TEAM}, auth=AUTH)
    assert response["options"] == [{"label": "In Progress (started)", "value": STATE}]
    assert sent(route.calls.last)[1] == {"teamId": TEAM, "after": None}


async def test_state_options_ask_for_the_team_first(catalog, respx_mock):
    response = await fetch_options(catalog.action("linear-create-issue"), "stateId", {}, auth=AUTH)
    assert "choose the team" in response["errors"][0]
    assert not respx_mock.calls


# Auth and rate limits


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        httpx.Response(401, json={"errors": [{"message": "Authentication required, not authenticated",
                                              "extensions": {"type": "authentication error", "code": "AUTHENTICATION_ERROR",
                                                             "userError": True}}]}),
        _data({"teams": {"nodes": []}}),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer lin_oauth_refreshed"}

    result = await run_action(catalog.action("linear-list-teams"), {}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None
    assert calls == [1]
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert route.calls[1].request.headers["authorization"] == "Bearer lin_oauth_refreshed"


async def test_a_rejected_token_asks_to_reconnect(catalog, respx_mock):
    respx_mock.post(URL).mock(return_value=httpx.Response(401, json={"errors": [{
        "message": "Authentication required, not authenticated",
        "extensions": {"type": "authentication error", "code": "AUTHENTICATION_ERROR", "userError": True,
                       "userPresentableMessage": "You need to authenticate to access this operation."}}]}))

    async def refresh():
        return None

    result = await run_action(catalog.action("linear-list-teams"), {}, auth=AUTH, on_unauthorized=refresh)
    assert "You need to authenticate" in result.error
    assert "reconnect the Linear account" in result.error


async def test_ratelimited_says_when_to_retry(catalog, respx_mock):
    reset_ms = int((time.time() + 29.5) * 1000)
    respx_mock.post(URL).mock(return_value=httpx.Response(
        400,
        json={"errors": [{"message": "Rate limit exceeded", "extensions": {"code": "RATELIMITED", "type": "ratelimited",
                                                                         "userError": True}}]},
        headers={"X-RateLimit-Requests-Limit": "5000", "X-RateLimit-Requests-Remaining": "0",
                 "X-RateLimit-Requests-Reset": str(reset_ms)},
    ))
    result = await run_action(catalog.action("linear-list-teams"), {}, auth=AUTH)
    assert result.ret is None
    assert "retry after 30 s" in result.error
    assert "Rate limit exceeded" in result.error


# Account test


async def _account(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_viewer(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"viewer": {
        "id": USER, "name": "Ada Lovelace", "email": "ada@acme.com", "organization": {"name": "Acme"}}}))
    identity = await _account(catalog.apps["linear"], AUTH)
    assert identity == Identity(name="Ada Lovelace (Acme)", external_id=USER)
    query, _ = sent(route.calls.last)
    assert "viewer" in query


async def test_account_test_fails_on_a_bad_token(catalog, respx_mock):
    respx_mock.post(URL).mock(return_value=httpx.Response(400, json={"errors": [{
        "message": "Authentication required, not authenticated",
        "extensions": {"type": "authentication error", "code": "AUTHENTICATION_ERROR", "userError": True}}]}))
    with pytest.raises(UpstreamError, match="reconnect the Linear account"):
        await _account(catalog.apps["linear"], AUTH)


def test_authorization_url_sends_comma_separated_scopes_and_pkce(catalog):
    from urllib.parse import parse_qs, urlsplit

    from mcp_gateway.connect.oauth import authorization_url
    from mcp_gateway.connect.oauth_apps import OAuthClient

    client = OAuthClient("oa_test", "linear", None, None, "client-id", "client-secret")
    url = authorization_url(catalog.apps["linear"], client, redirect_uri="https://gateway.example.com/cb", state="s",
                            code_verifier="v" * 64)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://linear.app/oauth/authorize?")
    assert query["scope"] == ["read,write"]
    assert query["code_challenge_method"] == ["S256"]


# Archive, labels, attachments


async def test_archive_issue(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"issueArchive": {
        "success": True, "entity": {"id": ISSUE, "identifier": "ENG-123", "archivedAt": "2024-06-05T08:00:00.000Z"}}}))
    result = await run_action(catalog.action("linear-archive-issue"), {"issueId": "ENG-123"}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls.last)
    assert "issueArchive(id: $id)" in query and variables == {"id": "ENG-123"}
    assert result.ret == {"id": ISSUE, "identifier": "ENG-123", "archived": True, "archived_at": "2024-06-05T08:00:00.000Z"}
    assert result.summary == "Archived Linear issue ENG-123"


async def test_list_comments_pages_through_an_issues_comments(catalog, respx_mock):
    comment = {"id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "body": "Fixed in #512", "createdAt": "2024-06-04T10:00:00.000Z",
               "url": "https://linear.app/acme/issue/ENG-123/checkout-times-out#comment-5a6b7c8d",
               "user": {"id": USER, "name": "Ada Lovelace"}, "parent": None, "issue": {"identifier": "ENG-123"}}
    route = respx_mock.post(URL).mock(return_value=_data({"issue": {"identifier": "ENG-123", "comments": {
        "nodes": [comment], "pageInfo": {"hasNextPage": True, "endCursor": "comments-2"}}}}))
    result = await run_action(
        catalog.action("linear-list-comments"), {"issueId": "ENG-123", "limit": 1, "cursor": "comments-1"}, auth=AUTH
    )
    assert result.error is None, result.error
    query, variables = sent(route.calls.last)
    assert "comments(first: $first, after: $after)" in query
    assert variables == {"id": "ENG-123", "first": 1, "after": "comments-1"}
    assert result.ret == {"comments": [{
        "id": comment["id"], "body": "Fixed in #512", "url": comment["url"], "author": "Ada Lovelace",
        "created_at": "2024-06-04T10:00:00.000Z", "parent_id": None, "issue": "ENG-123",
    }], "next_cursor": "comments-2"}
    assert result.summary == "Listed 1 comment on Linear issue ENG-123"


async def test_add_label_to_issue_and_its_label_choices(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        _data({"issueAddLabel": {"success": True, "issue": _issue()}}),
        _data({"issue": {"id": ISSUE, "identifier": "ENG-123", "team": {"id": TEAM}}}),
        _data({"team": {"labels": {"nodes": [{"id": LABEL, "name": "Bug"}], "pageInfo": {"hasNextPage": False, "endCursor": None}}}}),
    ])
    result = await run_action(catalog.action("linear-add-label-to-issue"), {"issueId": "ENG-123", "labelId": LABEL}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls[0])
    assert "issueAddLabel(id: $id, labelId: $labelId)" in query
    assert variables == {"id": "ENG-123", "labelId": LABEL}
    assert result.ret["labels"] == ["Bug"] and result.summary == "Labeled Linear issue ENG-123 (labels now: Bug)"

    options = await fetch_options(catalog.action("linear-add-label-to-issue"), "labelId", {"issueId": "ENG-123"}, auth=AUTH)
    assert options["options"] == [{"label": "Bug", "value": LABEL}]
    _, variables = sent(route.calls[2])
    assert variables == {"teamId": TEAM, "after": None}


async def test_issue_options_search_titles_and_follow_the_cursor(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=_data({"issues": {
        "nodes": [{"id": ISSUE, "identifier": "ENG-123", "title": "Checkout times out"}],
        "pageInfo": {"hasNextPage": True, "endCursor": "issues-2"}}}))
    first = await fetch_options(catalog.action("linear-get-issue"), "issueId", {}, auth=AUTH, query="checkout")
    assert first["options"] == [{"label": "ENG-123 Checkout times out", "value": "ENG-123"}]
    assert first["context"] == {"cursor": "issues-2"}
    _, variables = sent(route.calls.last)
    assert variables == {"filter": {"title": {"containsIgnoreCase": "checkout"}}, "after": None}
    await fetch_options(catalog.action("linear-get-issue"), "issueId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert sent(route.calls.last)[1] == {"filter": None, "after": "issues-2"}


async def test_list_and_create_labels(catalog, respx_mock):
    label = {"id": LABEL, "name": "Regression", "color": "#eb5757", "description": None, "isGroup": False,
             "team": {"key": "ENG"}, "parent": {"name": "Type"}}
    route = respx_mock.post(URL).mock(side_effect=[
        _data({"issueLabels": {"nodes": [label], "pageInfo": {"hasNextPage": False, "endCursor": None}}}),
        _data({"issueLabelCreate": {"success": True, "issueLabel": label}}),
    ])
    listed = await run_action(catalog.action("linear-list-labels"), {"teamId": TEAM, "name": "reg"}, auth=AUTH)
    assert listed.error is None, listed.error
    query, variables = sent(route.calls[0])
    assert "issueLabels(filter: $filter" in query
    assert variables == {"filter": {"or": [{"team": {"id": {"eq": TEAM}}}, {"team": {"null": True}}],
                                    "name": {"containsIgnoreCase": "reg"}}, "first": 25, "after": None}
    assert listed.ret == {"labels": [{"id": LABEL, "name": "Regression", "color": "#eb5757", "description": None,
                                      "team": "ENG", "group": "Type", "is_group": False}], "next_cursor": None}

    created = await run_action(
        catalog.action("linear-create-label"), {"name": "Regression", "teamId": TEAM, "color": "#eb5757"}, auth=AUTH
    )
    assert created.error is None, created.error
    query, variables = sent(route.calls[1])
    assert "issueLabelCreate(input: $input)" in query
    assert variables == {"input": {"name": "Regression", "teamId": TEAM, "color": "#eb5757"}}
    assert created.ret["id"] == LABEL and created.summary == "Created Linear label Regression"
    bad = await run_action(catalog.action("linear-create-label"), {"name": "X", "color": "red"}, auth=AUTH)
    assert "hex code" in bad.error and route.call_count == 2


async def test_attach_link_to_an_issue(catalog, respx_mock):
    attachment = {"id": "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a", "title": "Fix checkout timeout #512", "subtitle": None,
                  "url": "https://github.com/acme/app/pull/512", "sourceType": "github", "createdAt": "2024-06-04T10:05:00.000Z",
                  "issue": {"identifier": "ENG-123"}}
    route = respx_mock.post(URL).mock(return_value=_data({"attachmentLinkURL": {"success": True, "attachment": attachment}}))
    result = await run_action(
        catalog.action("linear-attach-link"), {"issueId": "ENG-123", "url": "https://github.com/acme/app/pull/512"}, auth=AUTH
    )
    assert result.error is None, result.error
    query, variables = sent(route.calls.last)
    assert "attachmentLinkURL(issueId: $issueId, url: $url, title: $title)" in query
    assert variables == {"issueId": "ENG-123", "url": "https://github.com/acme/app/pull/512", "title": None}
    assert result.ret == {"id": attachment["id"], "title": "Fix checkout timeout #512", "url": attachment["url"],
                          "source_type": "github", "issue": "ENG-123", "created_at": "2024-06-04T10:05:00.000Z"}
    assert result.summary == "Attached https://github.com/acme/app/pull/512 to Linear issue ENG-123"
    bad = await run_action(catalog.action("linear-attach-link"), {"issueId": "ENG-123", "url": "ftp://x"}, auth=AUTH)
    assert "must start with" in bad.error and route.call_count == 1


# Projects, cycles, workflow states


def _project():
    return {"id": PROJECT, "name": "Checkout redesign", "description": "New checkout", "progress": 0.4,
            "url": "https://linear.app/acme/project/checkout-redesign-0123456789ab", "startDate": "2024-05-01",
            "targetDate": "2024-07-31", "createdAt": "2024-04-01T09:00:00.000Z", "updatedAt": "2024-06-01T09:00:00.000Z",
            "status": {"name": "In Progress", "type": "started"}, "lead": {"id": USER, "name": "Ada Lovelace"},
            "teams": {"nodes": [{"key": "ENG"}]}}


async def test_get_project_with_its_brief_and_milestones(catalog, respx_mock):
    data = {**_project(), "content": "# Goals\nFaster checkout.",
            "projectMilestones": {"nodes": [{"id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b", "name": "Beta", "targetDate": "2024-06-30"}]}}
    route = respx_mock.post(URL).mock(return_value=_data({"project": data}))
    result = await run_action(catalog.action("linear-get-project"), {"projectId": PROJECT}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls.last)
    assert "project(id: $id)" in query and variables == {"id": PROJECT}
    assert result.ret["content"] == "# Goals\nFaster checkout." and result.ret["status_type"] == "started"
    assert result.ret["milestones"] == [{"id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b", "name": "Beta", "target_date": "2024-06-30"}]
    full = await run_action(catalog.action("linear-get-project"), {"projectId": PROJECT, "fullResponse": True}, auth=AUTH)
    assert full.ret == data


async def test_update_project(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        _data({"viewer": {"id": USER}}),
        _data({"projectUpdate": {"success": True, "project": _project()}}),
    ])
    result = await run_action(
        catalog.action("linear-update-project"),
        {"projectId": PROJECT, "name": "Checkout redesign", "lead": "me", "targetDate": "2024-07-31", "priority": 2},
        auth=AUTH,
    )
    assert result.error is None, result.error
    query, variables = sent(route.calls[1])
    assert "projectUpdate(id: $id, input: $input)" in query
    assert variables == {"id": PROJECT, "input": {"name": "Checkout redesign", "leadId": USER, "targetDate": "2024-07-31",
                                                  "priority": 2}}
    assert result.ret["lead"] == "Ada Lovelace"
    assert result.summary == "Updated leadId, name, priority, targetDate of Linear project Checkout redesign"
    nothing = await run_action(catalog.action("linear-update-project"), {"projectId": PROJECT}, auth=AUTH)
    assert "nothing to change" in nothing.error


async def test_list_cycles_of_a_team_now(catalog, respx_mock):
    cycle = {"id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "number": 42, "name": None, "description": None,
             "startsAt": "2024-06-03T00:00:00.000Z", "endsAt": "2024-06-17T00:00:00.000Z", "completedAt": None,
             "progress": 0.25, "isActive": True, "isNext": False, "isPast": False, "team": {"key": "ENG"}}
    route = respx_mock.post(URL).mock(return_value=_data({"cycles": {"nodes": [cycle],
                                                                     "pageInfo": {"hasNextPage": False, "endCursor": None}}}))
    result = await run_action(catalog.action("linear-list-cycles"), {"teamId": TEAM, "when": "current"}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls.last)
    assert "cycles(filter: $filter" in query
    assert variables == {"filter": {"team": {"id": {"eq": TEAM}}, "isActive": {"eq": True}}, "first": 25, "after": None}
    assert result.ret["cycles"][0]["number"] == 42 and result.ret["cycles"][0]["is_active"] is True
    assert result.summary == "Listed 1 Linear cycle"


async def test_list_workflow_states_of_a_team(catalog, respx_mock):
    state = {"id": STATE, "name": "In Progress", "type": "started", "color": "#f2c94c", "position": 2,
             "description": None, "team": {"key": "ENG"}}
    route = respx_mock.post(URL).mock(return_value=_data({"workflowStates": {
        "nodes": [state], "pageInfo": {"hasNextPage": True, "endCursor": "states-2"}}}))
    result = await run_action(catalog.action("linear-list-workflow-states"), {"teamId": TEAM, "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls.last)
    assert "workflowStates(filter: $filter" in query
    assert variables == {"filter": {"team": {"id": {"eq": TEAM}}}, "first": 1, "after": None}
    assert result.ret == {"states": [{"id": STATE, "name": "In Progress", "type": "started", "team": "ENG", "position": 2,
                                      "color": "#f2c94c", "description": None}], "next_cursor": "states-2"}
