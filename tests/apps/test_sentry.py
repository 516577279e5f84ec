import json
import re
import time

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.support import LOCAL_UPSTREAMS

API = "https://sentry.io/api/0"
AUTH = {"auth_token": "sntrys_token_1"}
ORG = "the-interstellar-jurisdiction"
ISSUE_ID = "1341191803"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert sorted(request.url.params.multi_items()) == sorted((params or {}).items() if isinstance(params, dict) else params or [])
    assert request.headers["authorization"] == "Bearer sntrys_token_1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _link(path, cursor=None):
    """Sentry's Link header: a previous and a next page, `results` saying whether the next one has any."""
    following = cursor or "0:100:0"
    return (f'<{API}{path}?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", '
            f'<{API}{path}?&cursor={following}>; rel="next"; results="{"true" if cursor else "false"}"; cursor="{following}"')


def _issue(issue_id="1", short_id="PUMP-STATION-1", status="unresolved"):
    return {
        "annotations": [], "assignedTo": {"type": "user", "id": "1", "name": "John Doe", "email": "john.doe@example.com"},
        "count": "150", "culprit": "raven.scripts.runner in main", "firstSeen": "2018-11-06T21:19:55Z", "hasSeen": False,
        "id": issue_id, "isBookmarked": False, "isPublic": False, "isSubscribed": True, "lastSeen": "2018-12-06T21:19:55Z",
        "level": "error", "logger": None, "metadata": {"title": "This is an example Python exception"}, "numComments": 0,
        "permalink": f"https://sentry.io/the-interstellar-jurisdiction/pump-station/issues/{issue_id}/",
        "project": {"id": "2", "name": "Pump Station", "slug": "pump-station", "platform": "python"},
        "shareId": "123def456abc", "shortId": short_id, "stats": {"24h": [[1541455200, 473]]}, "priority": "medium",
        "status": status, "substatus": "ongoing", "statusDetails": {}, "title": "This is an example Python exception",
        "type": "default", "userCount": 0, "isUnhandled": False,
    }


def _issue_summary(issue):
    return {
        "id": issue["id"], "short_id": issue["shortId"], "title": issue["title"], "culprit": issue["culprit"],
        "level": "error", "status": issue["status"], "substatus": "ongoing", "priority": "medium", "count": "150",
        "user_count": 0, "first_seen": "2018-11-06T21:19:55Z", "last_seen": "2018-12-06T21:19:55Z", "project": "pump-station",
        "assigned_to": {"type": "user", "id": "1", "name": "John Doe", "email": "john.doe@example.com"},
        "is_unhandled": False, "permalink": issue["permalink"],
    }


def _frame(function, line, in_app, filename):
    return {"function": function, "errors": None, "colNo": 23, "vars": None, "package": None, "absPath": f"webpack:///{filename}",
            "inApp": in_app, "lineNo": line, "module": filename.rsplit(".", 1)[0], "filename": filename, "platform": None,
            "instructionAddr": None, "context": [[line - 1, "  try {"], [line, "    return fn.apply(this, args);"],
                                                 [line + 1, "  } catch (ex) {"]],
            "symbolAddr": None, "trust": None, "symbol": None}


def _event():
    library = [_frame(f"lib{i}", 10 + i, False, f"/node_modules/lib{i}.js") for i in range(3)]
    own = [_frame(f"app{i}", 70 + i, True, f"/src/app{i}.js") for i in range(12)]
    return {
        "groupID": ISSUE_ID, "eventID": "9999aaaaca8b46d797c23c6077c6ff01", "dist": None, "userReport": None,
        "previousEventID": None, "message": "", "title": "ForbiddenError: GET /organizations/hellboy-meowmeow/users/ 403",
        "id": "9999aaafcc8b46d797c23c6077c6ff01", "size": 107762, "errors": [], "platform": "javascript",
        "nextEventID": "99f9e199e9a74a14bfef6196ad741619", "type": "error",
        "metadata": {"type": "ForbiddenError", "value": "GET /organizations/hellboy-meowmeow/users/ 403"},
        "tags": [{"value": "Chrome 83.0.4103", "key": "browser"}, {"value": "prod", "key": "environment"}],
        "dateCreated": "2020-06-17T22:26:56.098086Z", "dateReceived": "2020-06-17T22:26:56.428721Z",
        "user": {"username": None, "name": "Hell Boy", "ip_address": "192.168.1.1", "email": "hell@boy.cat", "data": {}, "id": "550747"},
        "entries": [
            {"type": "exception", "data": {"values": [{
                "stacktrace": {"frames": library + own, "framesOmitted": None, "registers": None, "hasSystemFrames": True},
                "module": None, "rawStacktrace": None, "mechanism": {"type": "onunhandledrejection", "handled": False},
                "threadId": None, "value": "GET /organizations/hellboy-meowmeow/users/ 403", "type": "ForbiddenError"}],
                "excOmitted": None, "hasSystemFrames": True}},
            {"type": "request", "data": {"fragment": None, "cookies": [], "inferredContentType": None, "env": None,
                                         "headers": [], "url": "https://sentry.io/organizations/hellboy-meowmeow/issues/",
                                         "query": [], "data": None, "method": None}},
        ],
        "packages": {}, "sdk": {"version": "5.17.0", "name": "sentry.javascript.browser"}, "_meta": {}, "contexts": {},
        "fingerprints": ["fbe908cc63d63ea9763fd84cb6bad177"], "context": {}, "release": None,
        "groupingConfig": {"enhancements": "eJybzDhxY3J-bm5-npWVWWJBQVZ", "id": "legacy:2019-03-12"}, "crashFile": None,
        "culprit": "app9 in /src/app9.js",
    }


def _release(version="backend@1.4.2"):
    return {"id": 2, "authors": [], "commitCount": 3, "data": {}, "dateCreated": "2026-12-07T09:00:00.000Z",
            "dateReleased": None, "deployCount": 1, "firstEvent": None, "lastCommit": None,
            "lastDeploy": {"id": "7", "environment": "production", "dateStarted": None, "dateFinished": "2026-12-07T09:05:00Z",
                           "name": None, "url": None},
            "lastEvent": None, "newGroups": 4, "owner": None, "projects": [{"id": 2, "slug": "pump-station", "name": "Pump Station",
                                                                             "newGroups": 4, "platform": "python", "platforms": ["python"],
                                                                             "hasHealthData": False}],
            "ref": "6ba09a7c53235ee8a8fa5ee4c1ca8ca886e7fdbb", "shortVersion": "1.4.2", "version": version,
            "url": "https://github.com/acme/backend/releases/tag/1.4.2", "status": "open", "userAgent": None, "versionInfo": None}


async def test_list_issues_searches_and_follows_link_cursors_up_to_the_limit(catalog, respx_mock):
    path = f"/organizations/{ORG}/issues/"
    route = respx_mock.get(f"{API}{path}").mock(side_effect=[
        httpx.Response(200, json=[_issue("1"), _issue("2", "PUMP-STATION-2")], headers={"Link": _link(path, "0:2:0")}),
        httpx.Response(200, json=[_issue("3", "PUMP-STATION-3")], headers={"Link": _link(path, "0:3:0")}),
    ])
    result = await run_action(catalog.action("sentry-list-issues"), {
        "organization": ORG, "query": "is:unresolved level:error", "projects": ["pump-station", "backend"],
        "environment": ["production"], "statsPeriod": "14d", "sort": "freq", "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    common = [("query", "is:unresolved level:error"), ("project", "pump-station"), ("project", "backend"),
              ("environment", "production"), ("statsPeriod", "14d"), ("sort", "freq")]
    assert_request(route.calls[0].request, "GET", path, params=common + [("limit", "3")])
    assert_request(route.calls[1].request, "GET", path, params=common + [("limit", "1"), ("cursor", "0:2:0")])
    assert result.ret == {"issues": [_issue_summary(_issue("1")), _issue_summary(_issue("2", "PUMP-STATION-2")),
                                     _issue_summary(_issue("3", "PUMP-STATION-3"))], "next_cursor": "0:3:0"}
    assert result.summary == f"Found 3 issues in {ORG}"


async def test_list_issues_looks_up_a_short_id_and_ends_when_sentry_has_no_more(catalog, respx_mock):
    path = f"/organizations/{ORG}/issues/"
    route = respx_mock.get(f"{API}{path}").mock(return_value=httpx.Response(
        200, json=[_issue("7", "PUMP-STATION-3F")], headers={"Link": _link(path)}))
    result = await run_action(catalog.action("sentry-list-issues"),
                              {"organization": ORG, "query": "PUMP-STATION-3F", "cursor": "0:100:0"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", path, params={
        "query": "PUMP-STATION-3F", "shortIdLookup": "1", "limit": "25", "cursor": "0:100:0"})
    assert result.ret["next_cursor"] is None and result.ret["issues"][0]["short_id"] == "PUMP-STATION-3F"


async def test_get_issue_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    route = respx_mock.get(f"{API}/organizations/{ORG}/issues/{ISSUE_ID}/").mock(
        return_value=httpx.Response(200, json=_issue(ISSUE_ID)))
    result = await run_action(catalog.action("sentry-get-issue"), {"organization": ORG, "issueId": ISSUE_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/organizations/{ORG}/issues/{ISSUE_ID}/")
    assert result.ret == _issue_summary(_issue(ISSUE_ID))
    assert result.summary == "Read issue PUMP-STATION-1: This is an example Python exception"
    whole = await run_action(catalog.action("sentry-get-issue"),
                             {"organization": ORG, "issueId": ISSUE_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _issue(ISSUE_ID)


async def test_update_issue_resolves_in_a_release_and_assigns(catalog, respx_mock):
    route = respx_mock.put(f"{API}/organizations/{ORG}/issues/{ISSUE_ID}/").mock(
        return_value=httpx.Response(200, json=_issue(ISSUE_ID, status="resolved")))
    result = await run_action(catalog.action("sentry-update-issue"), {
        "organization": ORG, "issueId": ISSUE_ID, "status": "resolved", "inRelease": "backend@1.4.2",
        "assignedTo": "team:48531", "hasSeen": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PUT", f"/organizations/{ORG}/issues/{ISSUE_ID}/", body={
        "status": "resolved", "assignedTo": "team:48531", "hasSeen": True, "statusDetails": {"inRelease": "backend@1.4.2"}})
    assert result.ret["status"] == "resolved"
    assert result.summary == f"Updated issue {ISSUE_ID}: status resolved, assignedTo team:48531"


async def test_update_issue_ignores_for_a_while_and_checks_its_inputs(catalog, respx_mock):
    route = respx_mock.put(f"{API}/organizations/{ORG}/issues/{ISSUE_ID}/").mock(
        return_value=httpx.Response(200, json=_issue(ISSUE_ID, status="ignored")))
    action = catalog.action("sentry-update-issue")
    await run_action(action, {"organization": ORG, "issueId": ISSUE_ID, "status": "ignored", "ignoreDuration": 60}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"status": "ignored", "statusDetails": {"ignoreDuration": 60}}
    mismatched = await run_action(action, {"organization": ORG, "issueId": ISSUE_ID, "inRelease": "latest"}, auth=AUTH)
    assert mismatched.error == "inRelease goes with status `resolved`; set both"
    empty = await run_action(action, {"organization": ORG, "issueId": ISSUE_ID}, auth=AUTH)
    assert empty.error.startswith("nothing to change")
    assert len(route.calls) == 1


async def test_delete_issue(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/organizations/{ORG}/issues/{ISSUE_ID}/").mock(return_value=httpx.Response(202))
    result = await run_action(catalog.action("sentry-delete-issue"), {"organization": ORG, "issueId": ISSUE_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"/organizations/{ORG}/issues/{ISSUE_ID}/")
    assert result.ret == {"id": ISSUE_ID, "deleted": True} and result.summary == f"Deleted issue {ISSUE_ID}"


async def test_get_issue_event_reads_the_latest_with_the_stack_trace_trimmed(catalog, respx_mock):
    route = respx_mock.get(f"{API}/organizations/{ORG}/issues/{ISSUE_ID}/events/latest/").mock(
        return_value=httpx.Response(200, json=_event()))
    result = await run_action(catalog.action("sentry-get-issue-event"),
                              {"organization": ORG, "issueId": ISSUE_ID, "environment": ["prod"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/organizations/{ORG}/issues/{ISSUE_ID}/events/latest/",
                   params={"environment": "prod"})
    event = result.ret
    assert event["id"] == "9999aaaaca8b46d797c23c6077c6ff01" and event["issue_id"] == ISSUE_ID
    assert event["tags"] == {"browser": "Chrome 83.0.4103", "environment": "prod"}
    assert event["user"] == {"id": "550747", "email": "hell@boy.cat", "ip_address": "192.168.1.1"}
    assert event["request"] == {"method": None, "url": "https://sentry.io/organizations/hellboy-meowmeow/issues/"}
    [exception] = event["exceptions"]
    assert exception["type"] == "ForbiddenError" and exception["handled"] is False and exception["frames_total"] == 15
    # The ten in-app frames nearest the crash, the library frames left out.
    assert [f["function"] for f in exception["frames"]] == [f"app{i}" for i in range(2, 12)]
    assert exception["frames"][-1] == {"filename": "/src/app11.js", "function": "app11", "line": 81, "column": 23,
                                       "module": "/src/app11", "in_app": True, "code": "return fn.apply(this, args);"}
    assert result.summary.startswith("Read event 9999aaaaca8b46d797c23c6077c6ff01 of issue 1341191803")


async def test_list_issue_events_and_get_one_by_id(catalog, respx_mock):
    path = f"/organizations/{ORG}/issues/{ISSUE_ID}/events/"
    listed = respx_mock.get(f"{API}{path}").mock(return_value=httpx.Response(200, json=[{
        "id": "dfb1a2d057194e76a4186cc8a5271553", "event.type": "error", "groupID": ISSUE_ID,
        "eventID": "dfb1a2d057194e76a4186cc8a5271553", "projectID": "5236886", "message": "Error: Boom",
        "title": "Error: Boom", "location": None, "culprit": "main", "user": {"id": "1", "email": "jane@example.com"},
        "tags": [{"key": "level", "value": "error"}], "platform": "python", "dateCreated": "2026-12-06T21:19:55Z",
        "crashFile": None, "metadata": {}}], headers={"Link": _link(path)}))
    result = await run_action(catalog.action("sentry-list-issue-events"),
                              {"organization": ORG, "issueId": ISSUE_ID, "query": "user.email:jane@example.com",
                               "statsPeriod": "24h", "limit": 5}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", path,
                   params={"query": "user.email:jane@example.com", "statsPeriod": "24h", "per_page": "5"})
    assert result.ret == {"events": [{"id": "dfb1a2d057194e76a4186cc8a5271553", "title": "Error: Boom", "message": "Error: Boom",
                                      "platform": "python", "date_created": "2026-12-06T21:19:55Z", "tags": {"level": "error"},
                                      "user": "jane@example.com"}], "next_cursor": None}

    one = respx_mock.get(f"{API}{path}dfb1a2d057194e76a4186cc8a5271553/").mock(return_value=httpx.Response(200, json=_event()))
    await run_action(catalog.action("sentry-get-issue-event"),
                     {"organization": ORG, "issueId": ISSUE_ID, "eventId": "dfb1a2d057194e76a4186cc8a5271553"}, auth=AUTH)
    assert_request(one.calls.last.request, "GET", f"{path}dfb1a2d057194e76a4186cc8a5271553/")


async def test_list_organizations_projects_and_teams(catalog, respx_mock):
    orgs = respx_mock.get(f"{API}/organizations/").mock(return_value=httpx.Response(200, json=[{
        "avatar": {"avatarType": "letter_avatar", "avatarUuid": None}, "dateCreated": "2018-11-06T21:19:55.101Z",
        "features": ["onboarding"], "hasAuthProvider": False, "id": "2", "isEarlyAdopter": False,
        "links": {"organizationUrl": "https://the-interstellar-jurisdiction.sentry.io", "regionUrl": "https://us.sentry.io"},
        "name": "The Interstellar Jurisdiction", "require2FA": False, "slug": ORG, "status": {"id": "active", "name": "active"}}]))
    result = await run_action(catalog.action("sentry-list-organizations"), {"query": "interstellar"}, auth=AUTH)
    assert_request(orgs.calls.last.request, "GET", "/organizations/", params={"query": "interstellar", "per_page": "25"})
    assert result.ret == {"organizations": [{"id": "2", "slug": ORG, "name": "The Interstellar Jurisdiction", "status": "active",
                                             "date_created": "2018-11-06T21:19:55.101Z",
                                             "url": "https://the-interstellar-jurisdiction.sentry.io"}], "next_cursor": None}

    projects = respx_mock.get(f"{API}/organizations/{ORG}/projects/").mock(return_value=httpx.Response(200, json=[{
        "id": "6758470122493650", "slug": "pump-station", "name": "Pump Station", "platform": "python",
        "dateCreated": "2023-03-14T20:14:42.181825Z", "isBookmarked": False, "isMember": True, "features": [],
        "firstEvent": None, "hasAccess": True, "status": "active", "team": {"id": "2", "name": "Powerful Abolitionist",
                                                                            "slug": "powerful-abolitionist"}}]))
    result = await run_action(catalog.action("sentry-list-projects"), {"organization": ORG, "limit": 10}, auth=AUTH)
    assert_request(projects.calls.last.request, "GET", f"/organizations/{ORG}/projects/", params={"per_page": "10"})
    assert result.ret["projects"] == [{"id": "6758470122493650", "slug": "pump-station", "name": "Pump Station",
                                       "platform": "python", "date_created": "2023-03-14T20:14:42.181825Z",
                                       "first_event": None, "is_member": True, "status": "active"}]

    teams = respx_mock.get(f"{API}/organizations/{ORG}/teams/").mock(return_value=httpx.Response(200, json=[{
        "id": "48531", "slug": "ancient-gabelers", "name": "Ancient Gabelers", "dateCreated": "2018-11-06T21:20:08.115Z",
        "isMember": False, "teamRole": None, "flags": {"idp:provisioned": False}, "access": ["team:read"],
        "hasAccess": True, "isPending": False, "memberCount": 2, "avatar": {"avatarType": "letter_avatar"}}]))
    result = await run_action(catalog.action("sentry-list-teams"), {"organization": ORG, "query": "anc"}, auth=AUTH)
    assert_request(teams.calls.last.request, "GET", f"/organizations/{ORG}/teams/", params={"query": "anc", "per_page": "25"})
    assert result.ret["teams"] == [{"id": "48531", "slug": "ancient-gabelers", "name": "Ancient Gabelers", "member_count": 2,
                                    "is_member": False, "date_created": "2018-11-06T21:20:08.115Z"}]
    assert result.summary == f"Listed 1 team of {ORG}"


async def test_releases_list_get_and_create(catalog, respx_mock):
    path = f"/organizations/{ORG}/releases/"
    listed = respx_mock.get(f"{API}{path}").mock(return_value=httpx.Response(200, json=[_release()]))
    result = await run_action(catalog.action("sentry-list-releases"),
                              {"organization": ORG, "query": "backend@1.4", "projects": ["2"]}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", path, params={"query": "backend@1.4", "project": "2", "per_page": "25"})
    summary = {"version": "backend@1.4.2", "short_version": "1.4.2", "ref": "6ba09a7c53235ee8a8fa5ee4c1ca8ca886e7fdbb",
               "url": "https://github.com/acme/backend/releases/tag/1.4.2", "date_created": "2026-12-07T09:00:00.000Z",
               "date_released": None, "new_groups": 4, "commit_count": 3, "projects": ["pump-station"],
               "last_deploy": {"environment": "production", "date_finished": "2026-12-07T09:05:00Z"}}
    assert result.ret == {"releases": [summary], "next_cursor": None}

    got = respx_mock.get(f"{API}{path}backend%401.4.2/").mock(return_value=httpx.Response(200, json=_release()))
    result = await run_action(catalog.action("sentry-get-release"), {"organization": ORG, "version": "backend@1.4.2"}, auth=AUTH)
    assert got.calls.last.request.url.raw_path == f"/api/0{path}backend%401.4.2/".encode()
    assert result.ret == summary

    created = respx_mock.post(f"{API}{path}").mock(return_value=httpx.Response(201, json=_release()))
    result = await run_action(catalog.action("sentry-create-release"), {
        "organization": ORG, "version": "backend@1.4.2", "projects": ["pump-station"],
        "ref": "6ba09a7c53235ee8a8fa5ee4c1ca8ca886e7fdbb", "dateReleased": "2026-12-07T09:00:00Z"}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", path, body={
        "version": "backend@1.4.2", "projects": ["pump-station"], "ref": "6ba09a7c53235ee8a8fa5ee4c1ca8ca886e7fdbb",
        "dateReleased": "2026-12-07T09:00:00Z"})
    assert result.summary == "Created release backend@1.4.2 for pump-station"


async def test_organization_project_and_issue_options(catalog, respx_mock):
    orgs = respx_mock.get(f"{API}/organizations/").mock(side_effect=[
        httpx.Response(200, json=[{"id": "2", "slug": ORG, "name": "The Interstellar Jurisdiction"}],
                       headers={"Link": _link("/organizations/", "0:100:0")}),
        httpx.Response(200, json=[{"id": "3", "slug": "acme", "name": "Acme"}], headers={"Link": _link("/organizations/")}),
    ])
    action = catalog.action("sentry-get-issue")
    first = await fetch_options(action, "organization", {}, auth=AUTH)
    assert first["options"] == [{"label": "The Interstellar Jurisdiction", "value": ORG}]
    assert first["context"] == {"cursor": "0:100:0"}
    second = await fetch_options(action, "organization", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Acme", "value": "acme"}] and second["context"] is None
    assert dict(orgs.calls[1].request.url.params) == {"per_page": "100", "cursor": "0:100:0"}

    respx_mock.get(f"{API}/organizations/{ORG}/projects/").mock(return_value=httpx.Response(200, json=[
        {"id": "2", "slug": "pump-station", "name": "Pump Station"}]))
    page = await fetch_options(catalog.action("sentry-create-release"), "projects", {"organization": ORG}, auth=AUTH)
    assert page["options"] == [{"label": "Pump Station", "value": "pump-station"}]

    issues = respx_mock.get(f"{API}/organizations/{ORG}/issues/").mock(return_value=httpx.Response(200, json=[_issue("1")]))
    page = await fetch_options(action, "issueId", {"organization": ORG}, auth=AUTH, query="Python")
    assert page["options"] == [{"label": "PUMP-STATION-1: This is an example Python exception", "value": "1"}]
    assert dict(issues.calls.last.request.url.params) == {"query": "Python", "limit": "100"}

    missing = await fetch_options(action, "issueId", {}, auth=AUTH)
    assert missing["options"] == [] and "choose the organization first" in missing["errors"][0]


async def test_a_missing_scope_and_a_rate_limit_say_what_to_do(catalog, respx_mock):
    respx_mock.delete(f"{API}/organizations/{ORG}/issues/{ISSUE_ID}/").mock(side_effect=[
        httpx.Response(403, json={"detail": "You do not have permission to perform this action."}),
        httpx.Response(429, json={"detail": "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"},
                       headers={"X-Sentry-Rate-Limit-Limit": "40", "X-Sentry-Rate-Limit-Remaining": "0",
                                "X-Sentry-Rate-Limit-Reset": str(int(time.time()) + 30)}),
    ])
    action = catalog.action("sentry-delete-issue")
    denied = await run_action(action, {"organization": ORG, "issueId": ISSUE_ID}, auth=AUTH)
    assert "You do not have permission" in denied.error and "event:admin to delete them" in denied.error
    limited = await run_action(action, {"organization": ORG, "issueId": ISSUE_ID}, auth=AUTH)
    assert re.search(r"rate limited by Sentry; retry after (29|30|31) s", limited.error)


async def test_a_field_error_names_the_field(catalog, respx_mock):
    respx_mock.post(f"{API}/organizations/{ORG}/releases/").mock(
        return_value=httpx.Response(400, json={"version": ["Release with name 1.4.2 already exists."]}))
    result = await run_action(catalog.action("sentry-create-release"),
                              {"organization": ORG, "version": "1.4.2", "projects": ["pump-station"]}, auth=AUTH)
    assert "version: Release with name 1.4.2 already exists." in result.error


async def test_the_account_test_lists_one_organization(catalog, respx_mock):
    route = respx_mock.get(f"{API}/organizations/").mock(return_value=httpx.Response(200, json=[]))
    app = catalog.apps["sentry"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        assert await app.test(AccountContext(auth=AUTH, http=http, egress=LOCAL_UPSTREAMS)) is None
    assert_request(route.calls.last.request, "GET", "/organizations/", params={"per_page": "1"})
