import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.support import LOCAL_UPSTREAMS

API = "https://api.bitbucket.org/2.0"
AUTH = {"oauth_access_token": "bb-access-token"}
REPO = "/repositories/acme/website"

_PAGING = "Bitbucket's pagination (the `page` and `pagelen` of its Pagination guide) applies to every list"
_TYPE = "the description's base `object` marks `type` required; requests do not send it"
VENDOR_EXEMPT = {
    **{("GET", template, name): _PAGING for template in (
        "/user/permissions/workspaces", "/repositories/{workspace}", "/repositories/{workspace}/{repo_slug}/refs/branches",
        "/repositories/{workspace}/{repo_slug}/commits", "/repositories/{workspace}/{repo_slug}/commits/{revision}",
        "/repositories/{workspace}/{repo_slug}/pullrequests", "/repositories/{workspace}/{repo_slug}/pipelines",
    ) for name in ("page", "pagelen")},
    ("GET", "/repositories/{workspace}/{repo_slug}/pipelines", "sort"): "sorting pipelines, in the reference's List pipelines",
    ("POST", "/repositories/{workspace}/{repo_slug}/pullrequests", "type"): _TYPE,
    ("POST", "/repositories/{workspace}/{repo_slug}/pullrequests/{pull_request_id}/merge", "type"): _TYPE,
    ("POST", "/repositories/{workspace}/{repo_slug}/pullrequests/{pull_request_id}/comments", "type"): _TYPE,
    ("POST", "/repositories/{workspace}/{repo_slug}/pipelines", "type"): _TYPE,
}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    expected = params.items() if isinstance(params, dict) else params or []
    assert sorted(request.url.params.multi_items()) == sorted(expected)
    assert request.headers["authorization"] == "Bearer bb-access-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _page(values, *, pagelen, page=1, next_page=None, path=REPO):
    data = {"pagelen": pagelen, "page": page, "values": values}
    if next_page:
        data["next"] = f"{API}{path}?pagelen={pagelen}&page={next_page}"
    return data


def _account(name="Ada Lovelace"):
    return {"type": "user", "display_name": name, "uuid": "{d301aafa-d676-4ee0-88be-962be7417567}",
            "account_id": "557058:1b2c3d", "nickname": "ada", "links": {}}


def _pr(pr_id=42, state="OPEN"):
    return {
        "type": "pullrequest", "id": pr_id, "title": "Add login page", "state": state,
        "summary": {"type": "rendered", "raw": "Adds the login page.", "markup": "markdown", "html": "<p>Adds the login page.</p>"},
        "author": _account(), "source": {"branch": {"name": "feature/login"}, "commit": {"hash": "e10dae226959"},
                                         "repository": {"full_name": "acme/website"}},
        "destination": {"branch": {"name": "main"}, "commit": {"hash": "d3b07384d113"}, "repository": {"full_name": "acme/website"}},
        "merge_commit": {"hash": "9f2c1a0b7e64"} if state == "MERGED" else None, "comment_count": 3, "task_count": 0,
        "close_source_branch": True, "closed_by": _account("Grace Hopper") if state == "MERGED" else None, "reason": "",
        "created_on": "2026-12-01T10:00:00.000000+00:00", "updated_on": "2026-12-02T11:00:00.000000+00:00",
        "reviewers": [_account("Grace Hopper")],
        "participants": [{"type": "participant", "user": _account("Grace Hopper"), "role": "REVIEWER", "approved": True,
                          "state": "approved", "participated_on": "2026-12-02T11:00:00.000000+00:00"}],
        "links": {"html": {"href": f"https://bitbucket.org/acme/website/pull-requests/{pr_id}"}},
    }


def _pr_summary(pr):
    return {"id": pr["id"], "title": "Add login page", "state": pr["state"], "author": "Ada Lovelace",
            "source_branch": "feature/login", "destination_branch": "main", "comment_count": 3, "task_count": 0,
            "created_on": "2026-12-01T10:00:00.000000+00:00", "updated_on": "2026-12-02T11:00:00.000000+00:00",
            "url": pr["links"]["html"]["href"]}


def _commit(sha="e10dae226959", message="Add login page\n\nWith a form."):
    return {"type": "commit", "hash": sha, "date": "2026-12-01T09:00:00+00:00", "message": message,
            "author": {"type": "author", "raw": "Ada Lovelace <ada@example.com>", "user": _account()},
            "parents": [], "links": {"html": {"href": f"https://bitbucket.org/acme/website/commits/{sha}"}}}


def _pipeline(number=17, state="PENDING", result=None):
    return {"type": "pipeline", "uuid": "{9c3f4e1a-8f5b-4d7e-9a0b-1c2d3e4f5a6b}", "build_number": number,
            "creator": _account(), "repository": {"full_name": "acme/website"},
            "target": {"type": "pipeline_ref_target", "ref_type": "branch", "ref_name": "main",
                       "commit": {"type": "commit", "hash": "d3b07384d113"},
                       "selector": {"type": "custom", "pattern": "deploy-staging"}},
            "trigger": {"name": "MANUAL", "type": "pipeline_trigger_manual"},
            "state": {"name": state, "type": "pipeline_state_pending", **({"result": {"name": result}} if result else {})},
            "created_on": "2026-12-07T09:00:00.000Z", "completed_on": None, "build_seconds_used": 0}


async def test_list_pull_requests_follows_pages_without_overshooting_the_limit(catalog, respx_mock):
    path = f"{REPO}/pullrequests"
    route = respx_mock.get(f"{API}{path}").mock(side_effect=[
        # Bitbucket caps pull request pages at 50: asked for 100, it serves 50 a page.
        httpx.Response(200, json=_page([_pr(i) for i in range(1, 51)], pagelen=50, next_page=2, path=path)),
        httpx.Response(200, json=_page([_pr(i) for i in range(51, 101)], pagelen=50, page=2, next_page=3, path=path)),
    ])
    result = await run_action(catalog.action("bitbucket-list-pull-requests"), {
        "workspace": "acme", "repoSlug": "website", "states": ["open", "MERGED"], "limit": 100}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", path, params=[("state", "OPEN"), ("state", "MERGED"), ("pagelen", "100")])
    assert_request(route.calls[1].request, "GET", path,
                   params=[("state", "OPEN"), ("state", "MERGED"), ("pagelen", "100"), ("page", "2")])
    assert len(result.ret["pull_requests"]) == 100 and result.ret["pull_requests"][0] == _pr_summary(_pr(1))
    assert result.ret["next_cursor"] == "100:3"
    assert result.summary == "Listed 100 pull requests"


async def test_a_short_limit_stops_before_a_page_would_overshoot(catalog, respx_mock):
    path = f"{REPO}/pullrequests"
    route = respx_mock.get(f"{API}{path}").mock(return_value=httpx.Response(
        200, json=_page([_pr(i) for i in range(1, 51)], pagelen=50, page=3, next_page=4, path=path)))
    result = await run_action(catalog.action("bitbucket-list-pull-requests"),
                              {"workspace": "acme", "repoSlug": "website", "limit": 75, "cursor": "75:3"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", path, params={"pagelen": "75", "page": "3"})
    assert len(route.calls) == 1
    assert len(result.ret["pull_requests"]) == 50 and result.ret["next_cursor"] == "75:4"


async def test_get_pull_request_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    route = respx_mock.get(f"{API}{REPO}/pullrequests/42").mock(return_value=httpx.Response(200, json=_pr()))
    action = catalog.action("bitbucket-get-pull-request")
    result = await run_action(action, {"workspace": "acme", "repoSlug": "website", "pullRequestId": 42}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{REPO}/pullrequests/42")
    assert result.ret == {**_pr_summary(_pr()), "description": "Adds the login page.", "close_source_branch": True,
                          "merge_commit": None, "closed_by": None, "reviewers": ["Grace Hopper"],
                          "participants": [{"user": "Grace Hopper", "role": "REVIEWER", "approved": True, "state": "approved"}]}
    assert result.summary == "Read pull request #42: Add login page (OPEN)"
    whole = await run_action(action, {"workspace": "acme", "repoSlug": "website", "pullRequestId": 42, "fullResponse": True},
                             auth=AUTH)
    assert whole.ret == _pr()


async def test_create_pull_request(catalog, respx_mock):
    route = respx_mock.post(f"{API}{REPO}/pullrequests").mock(return_value=httpx.Response(201, json=_pr()))
    result = await run_action(catalog.action("bitbucket-create-pull-request"), {
        "workspace": "acme", "repoSlug": "website", "title": "Add login page", "sourceBranch": "feature/login",
        "destinationBranch": "main", "description": "Adds the login page.", "closeSourceBranch": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{REPO}/pullrequests", body={
        "title": "Add login page", "source": {"branch": {"name": "feature/login"}},
        "destination": {"branch": {"name": "main"}}, "description": "Adds the login page.", "close_source_branch": True})
    assert result.ret["id"] == 42 and result.summary == "Opened pull request #42: Add login page"


async def test_merge_approve_and_comment(catalog, respx_mock):
    merged = respx_mock.post(f"{API}{REPO}/pullrequests/42/merge").mock(return_value=httpx.Response(200, json=_pr(state="MERGED")))
    result = await run_action(catalog.action("bitbucket-merge-pull-request"), {
        "workspace": "acme", "repoSlug": "website", "pullRequestId": 42, "mergeStrategy": "squash",
        "message": "Add login page (#42)", "closeSourceBranch": True}, auth=AUTH)
    assert_request(merged.calls.last.request, "POST", f"{REPO}/pullrequests/42/merge", body={
        "merge_strategy": "squash", "message": "Add login page (#42)", "close_source_branch": True})
    assert result.ret["merge_commit"] == "9f2c1a0b7e64" and result.summary == "Merged pull request #42: Add login page"

    approved = respx_mock.post(f"{API}{REPO}/pullrequests/42/approve").mock(return_value=httpx.Response(200, json={
        "type": "participant", "user": _account(), "role": "PARTICIPANT", "approved": True, "state": "approved",
        "participated_on": "2026-12-07T09:00:00.000000+00:00"}))
    result = await run_action(catalog.action("bitbucket-approve-pull-request"),
                              {"workspace": "acme", "repoSlug": "website", "pullRequestId": 42}, auth=AUTH)
    assert_request(approved.calls.last.request, "POST", f"{REPO}/pullrequests/42/approve")
    assert result.ret == {"user": "Ada Lovelace", "role": "PARTICIPANT", "approved": True, "state": "approved",
                          "participated_on": "2026-12-07T09:00:00.000000+00:00"}

    commented = respx_mock.post(f"{API}{REPO}/pullrequests/42/comments").mock(return_value=httpx.Response(201, json={
        "type": "pullrequest_comment", "id": 501, "content": {"type": "rendered", "raw": "Needs a test", "markup": "markdown",
                                                            "html": "<p>Needs a test</p>"},
        "user": _account(), "created_on": "2026-12-07T09:01:00.000000+00:00", "updated_on": "2026-12-07T09:01:00.000000+00:00",
        "deleted": False, "inline": {"path": "src/login.py", "to": 12, "from": None},
        "links": {"html": {"href": "https://bitbucket.org/acme/website/pull-requests/42/_/diff#comment-501"}}}))
    result = await run_action(catalog.action("bitbucket-add-pull-request-comment"), {
        "workspace": "acme", "repoSlug": "website", "pullRequestId": 42, "content": "Needs a test",
        "path": "src/login.py", "line": 12}, auth=AUTH)
    assert_request(commented.calls.last.request, "POST", f"{REPO}/pullrequests/42/comments",
                   body={"content": {"raw": "Needs a test"}, "inline": {"path": "src/login.py", "to": 12}})
    assert result.ret == {"id": 501, "content": "Needs a test", "user": "Ada Lovelace",
                          "created_on": "2026-12-07T09:01:00.000000+00:00", "path": "src/login.py", "line": 12,
                          "url": "https://bitbucket.org/acme/website/pull-requests/42/_/diff#comment-501"}
    stray = await run_action(catalog.action("bitbucket-add-pull-request-comment"), {
        "workspace": "acme", "repoSlug": "website", "pullRequestId": 42, "content": "x", "line": 3}, auth=AUTH)
    assert stray.error == "a line goes with the file's path; give path too"


async def test_list_workspaces_and_repositories(catalog, respx_mock):
    workspaces = respx_mock.get(f"{API}/user/permissions/workspaces").mock(return_value=httpx.Response(200, json=_page([{
        "type": "workspace_membership", "permission": "owner", "user": _account(),
        "workspace": {"type": "workspace", "slug": "acme", "name": "Acme", "uuid": "{a1b2c3d4-0000-4000-8000-000000000001}"}}],
        pagelen=25)))
    result = await run_action(catalog.action("bitbucket-list-workspaces"), {}, auth=AUTH)
    assert_request(workspaces.calls.last.request, "GET", "/user/permissions/workspaces", params={"pagelen": "25"})
    assert result.ret == {"workspaces": [{"slug": "acme", "name": "Acme", "uuid": "{a1b2c3d4-0000-4000-8000-000000000001}",
                                          "permission": "owner"}], "next_cursor": None}

    repos = respx_mock.get(f"{API}/repositories/acme").mock(return_value=httpx.Response(200, json=_page([{
        "type": "repository", "full_name": "acme/website", "slug": "website", "name": "website", "description": "Our site",
        "is_private": True, "mainbranch": {"type": "branch", "name": "main"}, "language": "python",
        "project": {"type": "project", "key": "WEB", "name": "Web"}, "updated_on": "2026-12-06T10:00:00.000000+00:00",
        "links": {"html": {"href": "https://bitbucket.org/acme/website"}}}], pagelen=10)))
    result = await run_action(catalog.action("bitbucket-list-repositories"),
                              {"workspace": "acme", "q": 'name ~ "web"', "role": "member", "limit": 10}, auth=AUTH)
    assert_request(repos.calls.last.request, "GET", "/repositories/acme",
                   params={"sort": "-updated_on", "q": 'name ~ "web"', "role": "member", "pagelen": "10"})
    assert result.ret["repositories"] == [{"full_name": "acme/website", "slug": "website", "name": "website",
                                           "description": "Our site", "is_private": True, "main_branch": "main",
                                           "language": "python", "project": "WEB",
                                           "updated_on": "2026-12-06T10:00:00.000000+00:00",
                                           "url": "https://bitbucket.org/acme/website"}]
    assert result.summary == "Listed 1 repository of acme"


async def test_list_branches_and_commits(catalog, respx_mock):
    branches = respx_mock.get(f"{API}{REPO}/refs/branches").mock(return_value=httpx.Response(200, json=_page([{
        "type": "branch", "name": "feature/login", "target": _commit(),
        "links": {"html": {"href": "https://bitbucket.org/acme/website/branch/feature/login"}}}], pagelen=25)))
    result = await run_action(catalog.action("bitbucket-list-branches"),
                              {"workspace": "acme", "repoSlug": "website", "name": "feature/"}, auth=AUTH)
    assert_request(branches.calls.last.request, "GET", f"{REPO}/refs/branches", params={"q": 'name ~ "feature/"', "pagelen": "25"})
    assert result.ret["branches"] == [{"name": "feature/login", "hash": "e10dae226959", "date": "2026-12-01T09:00:00+00:00",
                                       "message": "Add login page", "author": "Ada Lovelace",
                                       "url": "https://bitbucket.org/acme/website/branch/feature/login"}]

    # Commit pages are named by opaque tokens.
    commits = respx_mock.get(f"{API}{REPO}/commits/main").mock(return_value=httpx.Response(200, json=_page(
        [_commit(), _commit("d3b07384d113", "Initial commit")], pagelen=2, next_page="aGFzaD1kM2IwNzM4NA", path=f"{REPO}/commits/main")))
    result = await run_action(catalog.action("bitbucket-list-commits"),
                              {"workspace": "acme", "repoSlug": "website", "revision": "main", "limit": 2}, auth=AUTH)
    assert_request(commits.calls.last.request, "GET", f"{REPO}/commits/main", params={"pagelen": "2"})
    assert result.ret["commits"][1] == {"hash": "d3b07384d113", "date": "2026-12-01T09:00:00+00:00", "message": "Initial commit",
                                        "author": "Ada Lovelace", "url": "https://bitbucket.org/acme/website/commits/d3b07384d113"}
    assert result.ret["next_cursor"] == "2:aGFzaD1kM2IwNzM4NA"

    everything = respx_mock.get(f"{API}{REPO}/commits").mock(return_value=httpx.Response(200, json=_page([_commit()], pagelen=2)))
    await run_action(catalog.action("bitbucket-list-commits"),
                     {"workspace": "acme", "repoSlug": "website", "cursor": "2:aGFzaD1kM2IwNzM4NA"}, auth=AUTH)
    assert_request(everything.calls.last.request, "GET", f"{REPO}/commits", params={"pagelen": "2", "page": "aGFzaD1kM2IwNzM4NA"})


async def test_trigger_and_list_pipelines(catalog, respx_mock):
    triggered = respx_mock.post(f"{API}{REPO}/pipelines").mock(return_value=httpx.Response(201, json=_pipeline()))
    result = await run_action(catalog.action("bitbucket-trigger-pipeline"), {
        "workspace": "acme", "repoSlug": "website", "branch": "main", "customPipeline": "deploy-staging",
        "variables": {"ENVIRONMENT": "staging"}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(triggered.calls.last.request, "POST", f"{REPO}/pipelines", body={
        "target": {"type": "pipeline_ref_target", "ref_type": "branch", "ref_name": "main",
                   "selector": {"type": "custom", "pattern": "deploy-staging"}},
        "variables": [{"key": "ENVIRONMENT", "value": "staging"}]})
    assert result.ret["build_number"] == 17 and result.summary == "Started pipeline #17 on main"

    listed = respx_mock.get(f"{API}{REPO}/pipelines").mock(return_value=httpx.Response(200, json=_page(
        [_pipeline(18, "COMPLETED", "SUCCESSFUL")], pagelen=25)))
    result = await run_action(catalog.action("bitbucket-list-pipelines"), {"workspace": "acme", "repoSlug": "website"}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", f"{REPO}/pipelines", params={"sort": "-created_on", "pagelen": "25"})
    assert result.ret == {"pipelines": [{"uuid": "{9c3f4e1a-8f5b-4d7e-9a0b-1c2d3e4f5a6b}", "build_number": 18,
                                         "state": "COMPLETED", "result": "SUCCESSFUL", "ref_name": "main",
                                         "commit": "d3b07384d113", "pipeline": "deploy-staging", "trigger": "MANUAL",
                                         "creator": "Ada Lovelace", "created_on": "2026-12-07T09:00:00.000Z",
                                         "completed_on": None, "build_seconds_used": 0}], "next_cursor": None}


async def test_workspace_repository_branch_and_pull_request_options(catalog, respx_mock):
    respx_mock.get(f"{API}/user/permissions/workspaces").mock(side_effect=[
        httpx.Response(200, json=_page([{"type": "workspace_membership", "permission": "member",
                                         "workspace": {"slug": "acme", "name": "Acme"}}], pagelen=100, next_page=2,
                                       path="/user/permissions/workspaces")),
        httpx.Response(200, json=_page([{"type": "workspace_membership", "permission": "member",
                                         "workspace": {"slug": "labs", "name": "Labs"}}], pagelen=100, page=2)),
    ])
    action = catalog.action("bitbucket-create-pull-request")
    first = await fetch_options(action, "workspace", {}, auth=AUTH)
    assert first["options"] == [{"label": "Acme", "value": "acme"}] and first["context"] == {"page": "2"}
    second = await fetch_options(action, "workspace", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Labs", "value": "labs"}] and second["context"] is None

    repos = respx_mock.get(f"{API}/repositories/acme").mock(return_value=httpx.Response(200, json=_page([
        {"type": "repository", "full_name": "acme/website", "slug": "website"}], pagelen=100)))
    page = await fetch_options(action, "repoSlug", {"workspace": "acme"}, auth=AUTH, query="web")
    assert page["options"] == [{"label": "acme/website", "value": "website"}]
    assert dict(repos.calls.last.request.url.params) == {"sort": "-updated_on", "q": 'name ~ "web"', "pagelen": "100"}

    respx_mock.get(f"{API}{REPO}/refs/branches").mock(return_value=httpx.Response(200, json=_page([
        {"type": "branch", "name": "feature/login"}], pagelen=100)))
    page = await fetch_options(action, "sourceBranch", {"workspace": "acme", "repoSlug": "website"}, auth=AUTH)
    assert page["options"] == [{"label": "feature/login", "value": "feature/login"}]

    pulls = respx_mock.get(f"{API}{REPO}/pullrequests").mock(return_value=httpx.Response(200, json=_page([_pr()], pagelen=50)))
    page = await fetch_options(catalog.action("bitbucket-merge-pull-request"), "pullRequestId",
                               {"workspace": "acme", "repoSlug": "website"}, auth=AUTH)
    assert page["options"] == [{"label": "#42 Add login page", "value": 42}]
    assert dict(pulls.calls.last.request.url.params) == {"state": "OPEN", "pagelen": "50"}

    missing = await fetch_options(action, "sourceBranch", {"workspace": "acme"}, auth=AUTH)
    assert "choose repoSlug first" in missing["errors"][0]


async def test_a_missing_scope_and_a_rate_limit_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}{REPO}/pullrequests/42/merge").mock(side_effect=[
        httpx.Response(403, json={"type": "error", "error": {
            "message": "Your credentials lack one or more required privilege scopes.",
            "detail": {"granted": ["repository"], "required": ["pullrequest:write"]}}}),
        httpx.Response(429, headers={"Retry-After": "60"},
                       json={"type": "error", "error": {"message": "Rate limit for this resource has been exceeded"}}),
    ])
    action = catalog.action("bitbucket-merge-pull-request")
    scope = await run_action(action, {"workspace": "acme", "repoSlug": "website", "pullRequestId": 42}, auth=AUTH)
    assert "required scopes: pullrequest:write" in scope.error and "reconnect Bitbucket and approve it" in scope.error
    limited = await run_action(action, {"workspace": "acme", "repoSlug": "website", "pullRequestId": 42}, auth=AUTH)
    assert "rate limited by Bitbucket; retry after 60 s" in limited.error


async def test_the_account_test_names_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user").mock(return_value=httpx.Response(200, json={
        **_account(), "username": "ada", "created_on": "2019-01-01T00:00:00.000000+00:00", "is_staff": False}))
    app = catalog.apps["bitbucket"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http, egress=LOCAL_UPSTREAMS))
    assert_request(route.calls.last.request, "GET", "/user")
    assert identity == Identity(name="Ada Lovelace", external_id="{d301aafa-d676-4ee0-88be-962be7417567}")
