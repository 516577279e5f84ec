import base64
import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.github.com"
AUTH = {"oauth_access_token": "gho_test_token"}
REPO = "octocat/Hello-World"


def _user(login, user_id):
    return {
        "login": login,
        "id": user_id,
        "node_id": "MDQ6VXNlcjE=",
        "avatar_url": f"https://github.com/images/error/{login}_happy.gif",
        "url": f"{API}/users/{login}",
        "html_url": f"https://github.com/{login}",
        "type": "User",
        "site_admin": False,
    }


def _issue(number=1347, *, title="Found a bug", body="I'm having a problem with this.", state="open", state_reason=None, pr=False):
    issue = {
        "id": 1,
        "node_id": "MDU6SXNzdWUx",
        "url": f"{API}/repos/{REPO}/issues/{number}",
        "repository_url": f"{API}/repos/{REPO}",
        "labels_url": f"{API}/repos/{REPO}/issues/{number}/labels{{/name}}",
        "comments_url": f"{API}/repos/{REPO}/issues/{number}/comments",
        "events_url": f"{API}/repos/{REPO}/issues/{number}/events",
        "html_url": f"https://github.com/{REPO}/issues/{number}",
        "number": number,
        "state": state,
        "title": title,
        "body": body,
        "user": _user("octocat", 1),
        "labels": [
            {
                "id": 208045946,
                "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=",
                "url": f"{API}/repos/{REPO}/labels/bug",
                "name": "bug",
                "description": "Something isn't working",
                "color": "f29513",
                "default": True,
            }
        ],
        "assignee": _user("hubot", 2),
        "assignees": [_user("hubot", 2)],
        "milestone": None,
        "locked": False,
        "active_lock_reason": None,
        "comments": 0,
        "closed_at": None if state == "open" else "2011-04-23T10:43:00Z",
        "created_at": "2011-04-22T13:33:48Z",
        "updated_at": "2011-04-22T13:33:48Z",
        "closed_by": None,
        "author_association": "COLLABORATOR",
        "state_reason": state_reason,
    }
    if pr:
        issue["pull_request"] = {
            "url": f"{API}/repos/{REPO}/pulls/{number}",
            "html_url": f"https://github.com/{REPO}/pull/{number}",
            "diff_url": f"https://github.com/{REPO}/pull/{number}.diff",
            "patch_url": f"https://github.com/{REPO}/pull/{number}.patch",
        }
    return issue


def _commit(sha, message="Fix all the bugs"):
    return {
        "url": f"{API}/repos/{REPO}/commits/{sha}",
        "sha": sha,
        "node_id": "MDY6Q29tbWl0NmRjYjA5YjViNTc4NzVmMzM0ZjYxYWViZWQ2OTVlMmU0MTkzZGI1ZQ==",
        "html_url": f"https://github.com/{REPO}/commit/{sha}",
        "comments_url": f"{API}/repos/{REPO}/commits/{sha}/comments",
        "commit": {
            "url": f"{API}/repos/{REPO}/git/commits/{sha}",
            "author": {"name": "Monalisa Octocat", "email": "support@github.com", "date": "2011-04-14T16:00:49Z"},
            "committer": {"name": "Monalisa Octocat", "email": "support@github.com", "date": "2011-04-14T16:00:49Z"},
            "message": message,
            "tree": {"url": f"{API}/repos/{REPO}/tree/{sha}", "sha": sha},
            "comment_count": 0,
            "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None},
        },
        "author": _user("octocat", 1),
        "committer": _user("octocat", 1),
        "parents": [{"url": f"{API}/repos/{REPO}/commits/{sha}", "sha": "7638417db6d59f3c431d3e1f261cc637155684cd"}],
    }


def _file_content(path="notes/hello.txt", sha="95b966ae1c166bd92f8ae7d1c313e738c731dfc3"):
    name = path.rsplit("/", 1)[-1]
    return {
        "name": name,
        "path": path,
        "sha": sha,
        "size": 9,
        "url": f"{API}/repos/{REPO}/contents/{path}",
        "html_url": f"https://github.com/{REPO}/blob/main/{path}",
        "git_url": f"{API}/repos/{REPO}/git/blobs/{sha}",
        "download_url": f"https://raw.githubusercontent.com/{REPO}/main/{path}",
        "type": "file",
        "_links": {
            "self": f"{API}/repos/{REPO}/contents/{path}",
            "git": f"{API}/repos/{REPO}/git/blobs/{sha}",
            "html": f"https://github.com/{REPO}/blob/main/{path}",
        },
    }


def _put_response(path, blob_sha, commit_sha):
    return {
        "content": _file_content(path, blob_sha),
        "commit": {
            "sha": commit_sha,
            "node_id": "MDY6Q29tbWl0N2E=",
            "url": f"{API}/repos/{REPO}/git/commits/{commit_sha}",
            "html_url": f"https://github.com/{REPO}/git/commit/{commit_sha}",
            "author": {"date": "2014-11-07T22:01:45Z", "name": "Monalisa Octocat", "email": "octocat@github.com"},
            "committer": {"date": "2014-11-07T22:01:45Z", "name": "Monalisa Octocat", "email": "octocat@github.com"},
            "message": "my commit message",
            "tree": {"url": f"{API}/repos/{REPO}/git/trees/691272480426f78a0138979dd3ce63b77f706feb", "sha": "691272480426f78a0138979dd3ce63b77f706feb"},
            "parents": [{"url": f"{API}/repos/{REPO}/git/commits/1acc419d4d6a9ce985db7be48c6349a0475975b5", "html_url": f"https://github.com/{REPO}/git/commit/1acc419d4d6a9ce985db7be48c6349a0475975b5", "sha": "1acc419d4d6a9ce985db7be48c6349a0475975b5"}],
            "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None},
        },
    }


def _repo(full_name, repo_id=1296269, private=False):
    owner, name = full_name.split("/")
    return {
        "id": repo_id,
        "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5",
        "name": name,
        "full_name": full_name,
        "owner": _user(owner, 1),
        "private": private,
        "html_url": f"https://github.com/{full_name}",
        "description": "This your first repo!",
        "fork": False,
        "url": f"{API}/repos/{full_name}",
        "clone_url": f"https://github.com/{full_name}.git",
        "homepage": "https://github.com",
        "language": None,
        "forks_count": 9,
        "stargazers_count": 80,
        "watchers_count": 80,
        "size": 108,
        "default_branch": "master",
        "open_issues_count": 0,
        "topics": ["octocat", "atom", "electron", "api"],
        "has_issues": True,
        "archived": False,
        "disabled": False,
        "visibility": "private" if private else "public",
        "pushed_at": "2011-01-26T19:06:43Z",
        "created_at": "2011-01-26T19:01:12Z",
        "updated_at": "2011-01-26T19:14:43Z",
        "permissions": {"admin": False, "push": False, "pull": True},
        "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT", "url": f"{API}/licenses/mit", "node_id": "MDc6TGljZW5zZW1pdA=="},
        "subscribers_count": 42,
    }


def assert_github_request(request, method, url, params=None, token="gho_test_token"):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params.multi_items()) == (params or {})
    assert request.headers["authorization"] == f"Bearer {token}"
    assert request.headers["accept"] == "application/vnd.github+json"
    assert request.headers["x-github-api-version"] == "2022-11-28"


def _link(url, page):
    return {"Link": f'<{url}?page={page}>; rel="next", <{url}?page=9>; rel="last"'}


# Actions


async def test_create_issue_posts_title_body_labels_and_assignees(catalog, respx_mock):
    route = respx_mock.post(f"{API}/repos/{REPO}/issues").mock(return_value=httpx.Response(201, json=_issue()))
    result = await run_action(
        catalog.action("github-create-issue"),
        {
            "repoFullname": REPO,
            "title": "Found a bug",
            "body": "I'm having a problem with this.",
            "labels": ["bug"],
            "assignees": ["hubot"],
        },
        auth=AUTH,
    )
    assert result.error is None
    sent = route.calls.last.request
    assert_github_request(sent, "POST", f"{API}/repos/{REPO}/issues")
    assert json.loads(sent.content) == {
        "title": "Found a bug",
        "body": "I'm having a problem with this.",
        "labels": ["bug"],
        "assignees": ["hubot"],
    }
    assert result.ret["number"] == 1347
    assert result.ret["html_url"] == f"https://github.com/{REPO}/issues/1347"
    assert result.ret["labels"] == ["bug"]
    assert result.ret["assignees"] == ["hubot"]
    assert result.ret["is_pull_request"] is False
    assert result.summary == f"Created issue #1347 in {REPO}"


async def test_create_issue_sends_only_the_title_when_nothing_else_is_given(catalog, respx_mock):
    route = respx_mock.post(f"{API}/repos/{REPO}/issues").mock(
        return_value=httpx.Response(201, json=_issue(7, title="Just a title", body=None))
    )
    result = await run_action(catalog.action("github-create-issue"), {"repoFullname": REPO, "title": "Just a title"}, auth=AUTH)
    assert result.error is None
    assert json.loads(route.calls.last.request.content) == {"title": "Just a title"}
    assert result.summary == f"Created issue #7 in {REPO}"


async def test_create_issue_rejects_a_repository_that_is_not_owner_slash_repo(catalog, respx_mock):
    result = await run_action(catalog.action("github-create-issue"), {"repoFullname": "Hello-World", "title": "x"}, auth=AUTH)
    assert "must be written as `owner/repo`" in result.error
    assert not respx_mock.calls


async def test_get_issue_reads_one_issue(catalog, respx_mock):
    route = respx_mock.get(f"{API}/repos/{REPO}/issues/1347").mock(
        return_value=httpx.Response(200, json=_issue(pr=True))
    )
    result = await run_action(catalog.action("github-get-issue"), {"repoFullname": REPO, "issueNumber": 1347}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", f"{API}/repos/{REPO}/issues/1347")
    assert result.ret["title"] == "Found a bug"
    assert result.ret["body"] == "I'm having a problem with this."
    assert result.ret["user"] == "octocat"
    assert result.ret["is_pull_request"] is True
    assert result.summary == f"Retrieved pull request #1347 of {REPO}: Found a bug"


async def test_update_issue_closes_with_a_reason(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/repos/{REPO}/issues/1347").mock(
        return_value=httpx.Response(200, json=_issue(state="closed", state_reason="completed"))
    )
    result = await run_action(
        catalog.action("github-update-issue"),
        {"repoFullname": REPO, "issueNumber": 1347, "state": "closed", "stateReason": "completed", "title": "Found a bug (fixed)"},
        auth=AUTH,
    )
    assert result.error is None
    sent = route.calls.last.request
    assert_github_request(sent, "PATCH", f"{API}/repos/{REPO}/issues/1347")
    assert json.loads(sent.content) == {"title": "Found a bug (fixed)", "state": "closed", "state_reason": "completed"}
    assert result.ret["state"] == "closed"
    assert result.ret["state_reason"] == "completed"
    assert result.summary == f"Updated title, state, state_reason of issue #1347 in {REPO} (now closed)"


async def test_update_issue_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("github-update-issue"), {"repoFullname": REPO, "issueNumber": 3}, auth=AUTH)
    assert "nothing to change" in result.error
    assert not respx_mock.calls


async def test_update_issue_refuses_an_unknown_state(catalog, respx_mock):
    result = await run_action(
        catalog.action("github-update-issue"), {"repoFullname": REPO, "issueNumber": 3, "state": "done"}, auth=AUTH
    )
    assert "must be `open` or `closed`" in result.error
    assert not respx_mock.calls


async def test_search_issues_sends_the_query_and_returns_matches(catalog, respx_mock):
    items = [
        {**_issue(1347), "score": 1.0},
        {**_issue(1348, title="Crash on start", pr=True), "score": 0.8},
    ]
    url = f"{API}/search/issues"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json={"total_count": 40, "incomplete_results": False, "items": items}, headers=_link(url, 2))
    )
    query = f"repo:{REPO} is:open label:bug"
    result = await run_action(
        catalog.action("github-search-issues-and-pull-requests"),
        {"query": query, "sort": "comments", "order": "asc", "limit": 2},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(
        route.calls.last.request, "GET", url,
        {"q": query, "sort": "comments", "order": "asc", "per_page": "2", "page": "1"},
    )
    assert result.ret["total_count"] == 40
    assert result.ret["incomplete_results"] is False
    assert [i["number"] for i in result.ret["items"]] == [1347, 1348]
    assert [i["repository"] for i in result.ret["items"]] == [REPO, REPO]
    assert result.ret["items"][1]["is_pull_request"] is True
    assert "score" not in result.ret["items"][0]
    assert result.ret["next_cursor"] == "2"
    assert result.summary == f"Found 40 matches for {query!r}, returned 2"


async def test_search_issues_without_sort_sends_neither_sort_nor_order(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search/issues").mock(
        return_value=httpx.Response(200, json={"total_count": 0, "incomplete_results": False, "items": []})
    )
    result = await run_action(catalog.action("github-search-issues-and-pull-requests"), {"query": "is:pr author:octocat"}, auth=AUTH)
    assert result.error is None
    assert dict(route.calls.last.request.url.params) == {"q": "is:pr author:octocat", "per_page": "25", "page": "1"}
    assert result.ret == {"total_count": 0, "incomplete_results": False, "items": [], "next_cursor": None}


async def test_create_issue_comment_posts_the_body(catalog, respx_mock):
    comment = {
        "id": 1,
        "node_id": "MDEyOklzc3VlQ29tbWVudDE=",
        "url": f"{API}/repos/{REPO}/issues/comments/1",
        "html_url": f"https://github.com/{REPO}/issues/1347#issuecomment-1",
        "body": "Me too",
        "user": _user("octocat", 1),
        "created_at": "2011-04-14T16:00:49Z",
        "updated_at": "2011-04-14T16:00:49Z",
        "issue_url": f"{API}/repos/{REPO}/issues/1347",
        "author_association": "COLLABORATOR",
    }
    route = respx_mock.post(f"{API}/repos/{REPO}/issues/1347/comments").mock(return_value=httpx.Response(201, json=comment))
    result = await run_action(
        catalog.action("github-create-issue-comment"),
        {"repoFullname": REPO, "issueNumber": 1347, "body": "Me too"},
        auth=AUTH,
    )
    assert result.error is None
    sent = route.calls.last.request
    assert_github_request(sent, "POST", f"{API}/repos/{REPO}/issues/1347/comments")
    assert json.loads(sent.content) == {"body": "Me too"}
    assert result.ret == {
        "id": 1,
        "html_url": f"https://github.com/{REPO}/issues/1347#issuecomment-1",
        "body": "Me too",
        "user": "octocat",
        "created_at": "2011-04-14T16:00:49Z",
        "updated_at": "2011-04-14T16:00:49Z",
    }
    assert result.summary == f"Commented on #1347 in {REPO}"


async def test_get_repository_accepts_a_github_url_and_returns_details(catalog, respx_mock):
    route = respx_mock.get(f"{API}/repos/{REPO}").mock(return_value=httpx.Response(200, json=_repo(REPO)))
    result = await run_action(
        catalog.action("github-get-repository"), {"repoFullname": f"https://github.com/{REPO}.git"}, auth=AUTH
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", f"{API}/repos/{REPO}")
    assert result.ret["full_name"] == REPO
    assert result.ret["owner"] == "octocat"
    assert result.ret["default_branch"] == "master"
    assert result.ret["license"] == "MIT"
    assert result.ret["topics"] == ["octocat", "atom", "electron", "api"]
    assert result.ret["permissions"] == {"admin": False, "push": False, "pull": True}
    assert "node_id" not in result.ret
    assert result.summary == f"Retrieved repository {REPO}"


async def test_get_repository_full_response_returns_the_payload_whole(catalog, respx_mock):
    respx_mock.get(f"{API}/repos/{REPO}").mock(return_value=httpx.Response(200, json=_repo(REPO)))
    result = await run_action(catalog.action("github-get-repository"), {"repoFullname": REPO, "fullResponse": True}, auth=AUTH)
    assert result.error is None
    assert result.ret == _repo(REPO)


async def test_list_commits_follows_pages_until_the_limit_and_returns_a_cursor(catalog, respx_mock):
    first = [_commit(f"{i:040x}") for i in range(100)]
    second = [_commit(f"{i:040x}") for i in range(100, 200)]
    url = f"{API}/repos/{REPO}/commits"
    route = respx_mock.get(url).mock(
        side_effect=[
            httpx.Response(200, json=first[:30], headers=_link(url, 2)),
            httpx.Response(200, json=first, headers=_link(url, 2)),
            httpx.Response(200, json=second, headers=_link(url, 3)),
        ]
    )
    action = catalog.action("github-list-commits")
    result = await run_action(action, {"repoFullname": REPO, "sha": "main", "path": "README", "limit": 30}, auth=AUTH)
    assert result.error is None
    common = {"sha": "main", "path": "README"}
    assert_github_request(route.calls[0].request, "GET", url, {**common, "per_page": "30", "page": "1"})
    assert result.ret["commits"][0] == {
        "sha": f"{0:040x}",
        "message": "Fix all the bugs",
        "author_name": "Monalisa Octocat",
        "author_email": "support@github.com",
        "author_login": "octocat",
        "authored_at": "2011-04-14T16:00:49Z",
        "committed_at": "2011-04-14T16:00:49Z",
        "html_url": f"https://github.com/{REPO}/commit/{0:040x}",
        "parents": ["7638417db6d59f3c431d3e1f261cc637155684cd"],
    }
    assert result.ret["next_cursor"] == "30"
    assert result.summary == f"Listed 30 commits of {REPO} on main"

    # A different limit from an offset off its page boundary reads whole pages and skips ahead.
    more = await run_action(
        action, {"repoFullname": REPO, "sha": "main", "path": "README", "limit": 100, "cursor": result.ret["next_cursor"]}, auth=AUTH
    )
    assert more.error is None
    assert_github_request(route.calls[1].request, "GET", url, {**common, "per_page": "100", "page": "1"})
    assert_github_request(route.calls[2].request, "GET", url, {**common, "per_page": "100", "page": "2"})
    assert [c["sha"] for c in more.ret["commits"]] == [f"{i:040x}" for i in range(30, 130)]
    assert more.ret["next_cursor"] == "130"


async def test_list_commits_has_no_cursor_after_the_last_page(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/commits"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[_commit("6dcb09b5b57875f334f61aebed695e2e4193db5e")]))
    result = await run_action(catalog.action("github-list-commits"), {"repoFullname": REPO}, auth=AUTH)
    assert result.error is None
    assert route.call_count == 1
    assert_github_request(route.calls.last.request, "GET", url, {"per_page": "25", "page": "1"})
    assert [c["sha"] for c in result.ret["commits"]] == ["6dcb09b5b57875f334f61aebed695e2e4193db5e"]
    assert result.ret["next_cursor"] is None
    assert result.summary == f"Listed 1 commit of {REPO}"


async def test_list_commits_refuses_a_cursor_it_did_not_make(catalog, respx_mock):
    result = await run_action(catalog.action("github-list-commits"), {"repoFullname": REPO, "cursor": "abc"}, auth=AUTH)
    assert "next_cursor" in result.error
    assert not respx_mock.calls


async def test_create_or_update_file_updates_an_existing_file_with_its_sha(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/contents/notes/hello%20world.txt"
    current = {**_file_content("notes/hello world.txt"), "encoding": "base64", "content": "b2xkIHRleHQ=\n"}
    get = respx_mock.get(url).mock(return_value=httpx.Response(200, json=current))
    put = respx_mock.put(url).mock(
        return_value=httpx.Response(200, json=_put_response("notes/hello world.txt", "aa11", "7638417db6d59f3c431d3e1f261cc637155684cd"))
    )
    result = await run_action(
        catalog.action("github-create-or-update-file-contents"),
        {"repoFullname": REPO, "path": "/notes/hello world.txt", "content": "new text ✓", "message": "Update notes", "branch": "main"},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(get.calls.last.request, "GET", url, {"ref": "main"})
    sent = put.calls.last.request
    assert_github_request(sent, "PUT", url)
    assert json.loads(sent.content) == {
        "message": "Update notes",
        "content": base64.b64encode("new text ✓".encode()).decode(),
        "branch": "main",
        "sha": "95b966ae1c166bd92f8ae7d1c313e738c731dfc3",
    }
    assert result.ret["created"] is False
    assert result.ret["sha"] == "aa11"
    assert result.ret["commit"]["sha"] == "7638417db6d59f3c431d3e1f261cc637155684cd"
    assert result.summary == f"Updated notes/hello world.txt in {REPO} (commit 7638417)"


async def test_create_or_update_file_creates_a_missing_file_without_sha(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/contents/docs/new.md"
    respx_mock.get(url).mock(
        return_value=httpx.Response(404, json={"message": "Not Found", "documentation_url": "https://docs.github.com/rest/repos/contents#get-repository-content", "status": "404"})
    )
    put = respx_mock.put(url).mock(return_value=httpx.Response(201, json=_put_response("docs/new.md", "bb22", "18a43cd8e1e8a3a2c0d3d0b4b3d29e6a1d3c1f5e")))
    result = await run_action(
        catalog.action("github-create-or-update-file-contents"),
        {"repoFullname": REPO, "path": "docs/new.md", "content": "# New", "message": "Add docs"},
        auth=AUTH,
    )
    assert result.error is None
    assert json.loads(put.calls.last.request.content) == {"message": "Add docs", "content": base64.b64encode(b"# New").decode()}
    assert result.ret["created"] is True
    assert result.ret["path"] == "docs/new.md"
    assert result.summary == f"Created docs/new.md in {REPO} (commit 18a43cd)"


async def test_create_or_update_file_refuses_a_directory(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/contents/docs"
    respx_mock.get(url).mock(return_value=httpx.Response(200, json=[{**_file_content("docs/a.md"), "type": "file"}]))
    put = respx_mock.put(url).mock(return_value=httpx.Response(200, json={}))
    result = await run_action(
        catalog.action("github-create-or-update-file-contents"),
        {"repoFullname": REPO, "path": "docs", "content": "x", "message": "m"},
        auth=AUTH,
    )
    assert "is a directory" in result.error
    assert not put.called


async def test_create_or_update_file_passes_on_errors_other_than_not_found(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/contents/a.txt"
    respx_mock.get(url).mock(return_value=httpx.Response(403, json={"message": "Resource not accessible by integration"}))
    put = respx_mock.put(url).mock(return_value=httpx.Response(200, json={}))
    result = await run_action(
        catalog.action("github-create-or-update-file-contents"),
        {"repoFullname": REPO, "path": "a.txt", "content": "x", "message": "m"},
        auth=AUTH,
    )
    assert "403" in result.error and "Resource not accessible by integration" in result.error
    assert not put.called


def _label(name="bug", label_id=208045946, color="f29513", description="Something isn't working"):
    return {
        "id": label_id,
        "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=",
        "url": f"{API}/repos/{REPO}/labels/{name}",
        "name": name,
        "description": description,
        "color": color,
        "default": True,
    }


def _comment(comment_id=1, body="Me too"):
    return {
        "id": comment_id,
        "node_id": "MDEyOklzc3VlQ29tbWVudDE=",
        "url": f"{API}/repos/{REPO}/issues/comments/{comment_id}",
        "html_url": f"https://github.com/{REPO}/issues/1347#issuecomment-{comment_id}",
        "body": body,
        "user": _user("octocat", 1),
        "created_at": "2011-04-14T16:00:49Z",
        "updated_at": "2011-04-14T16:00:49Z",
        "issue_url": f"{API}/repos/{REPO}/issues/1347",
        "author_association": "COLLABORATOR",
    }


async def test_update_issue_replaces_labels_and_assignees(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/repos/{REPO}/issues/1347").mock(return_value=httpx.Response(200, json=_issue()))
    result = await run_action(
        catalog.action("github-update-issue"),
        {"repoFullname": REPO, "issueNumber": 1347, "labels": ["bug"], "assignees": ["hubot"]},
        auth=AUTH,
    )
    assert result.error is None
    assert json.loads(route.calls.last.request.content) == {"labels": ["bug"], "assignees": ["hubot"]}
    assert result.summary == f"Updated labels, assignees of issue #1347 in {REPO} (now open)"


async def test_list_issues_sends_the_filters_and_pages_with_a_cursor(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/issues"
    route = respx_mock.get(url).mock(
        side_effect=[
            httpx.Response(200, json=[_issue(1347), _issue(1346, pr=True)], headers=_link(url, 2)),
            httpx.Response(200, json=[_issue(1345)]),
        ]
    )
    action = catalog.action("github-list-issues")
    values = {"repoFullname": REPO, "state": "all", "labels": ["bug", "ui"], "assignee": "hubot", "sort": "updated", "limit": 2}
    first = await run_action(action, values, auth=AUTH)
    assert first.error is None
    filters = {"state": "all", "labels": "bug,ui", "assignee": "hubot", "sort": "updated"}
    assert_github_request(route.calls[0].request, "GET", url, {**filters, "per_page": "2", "page": "1"})
    assert [i["number"] for i in first.ret["issues"]] == [1347, 1346]
    assert first.ret["issues"][1]["is_pull_request"] is True
    assert first.ret["next_cursor"] == "2"
    assert first.summary == f"Listed 2 all issues of {REPO}"

    second = await run_action(action, {**values, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_github_request(route.calls[1].request, "GET", url, {**filters, "per_page": "2", "page": "2"})
    assert [i["number"] for i in second.ret["issues"]] == [1345]
    assert second.ret["next_cursor"] is None


async def test_add_labels_keeps_the_existing_ones(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/issues/1347/labels"
    route = respx_mock.post(url).mock(
        return_value=httpx.Response(200, json=[_label(), _label("enhancement", 208045947, "a2eeef", "New feature or request")])
    )
    result = await run_action(
        catalog.action("github-add-labels-to-issue"), {"repoFullname": REPO, "issueNumber": 1347, "labels": ["enhancement"]}, auth=AUTH
    )
    assert result.error is None
    sent = route.calls.last.request
    assert_github_request(sent, "POST", url)
    assert json.loads(sent.content) == {"labels": ["enhancement"]}
    assert result.ret == [
        {"name": "bug", "color": "f29513", "description": "Something isn't working"},
        {"name": "enhancement", "color": "a2eeef", "description": "New feature or request"},
    ]
    assert result.summary == f"Added enhancement to #1347 in {REPO}"


async def test_remove_label_encodes_the_name(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/issues/1347/labels/help%20wanted"
    route = respx_mock.delete(url).mock(return_value=httpx.Response(200, json=[_label()]))
    result = await run_action(
        catalog.action("github-remove-label-from-issue"), {"repoFullname": REPO, "issueNumber": 1347, "name": "help wanted"}, auth=AUTH
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "DELETE", url)
    assert [label["name"] for label in result.ret] == ["bug"]
    assert result.summary == f"Removed help wanted from #1347 in {REPO}"


async def test_list_issue_comments_since_a_time(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/issues/1347/comments"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[_comment(1), _comment(2, "Same here")]))
    result = await run_action(
        catalog.action("github-list-issue-comments"),
        {"repoFullname": REPO, "issueNumber": 1347, "since": "2011-04-01T00:00:00Z"},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"since": "2011-04-01T00:00:00Z", "per_page": "25", "page": "1"})
    assert [c["body"] for c in result.ret["comments"]] == ["Me too", "Same here"]
    assert result.ret["comments"][0]["user"] == "octocat"
    assert result.ret["next_cursor"] is None
    assert result.summary == f"Listed 2 comments on #1347 in {REPO}"


async def test_a_validation_error_names_the_fields(catalog, respx_mock):
    respx_mock.post(f"{API}/repos/{REPO}/issues").mock(
        return_value=httpx.Response(
            422,
            json={
                "message": "Validation Failed",
                "errors": [{"resource": "Issue", "field": "title", "code": "missing_field"}],
                "documentation_url": "https://docs.github.com/rest/issues/issues#create-an-issue",
            },
        )
    )
    result = await run_action(catalog.action("github-create-issue"), {"repoFullname": REPO, "title": " "}, auth=AUTH)
    assert "Validation Failed (title: missing_field)" in result.error
    assert "fix the fields named" in result.error


async def test_a_404_says_private_repositories_look_missing(catalog, respx_mock):
    respx_mock.get(f"{API}/repos/{REPO}/issues/9").mock(
        return_value=httpx.Response(404, json={"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
    )
    result = await run_action(catalog.action("github-get-issue"), {"repoFullname": REPO, "issueNumber": 9}, auth=AUTH)
    assert "Not Found" in result.error
    assert "private ones this account cannot see" in result.error


# Remote options


async def test_repo_options_page_through_the_users_repositories(catalog, respx_mock):
    url = f"{API}/user/repos"
    route = respx_mock.get(url).mock(
        side_effect=[
            httpx.Response(200, json=[_repo(REPO), _repo("octocat/Spoon-Knife", 2, private=True)], headers=_link(url, 2)),
            httpx.Response(200, json=[_repo("github/docs", 3)]),
        ]
    )
    action = catalog.action("github-create-issue")
    first = await fetch_options(action, "repoFullname", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["stringOptions"] == [REPO, "octocat/Spoon-Knife"]
    assert first["context"] == {"page": 2}
    assert_github_request(route.calls[0].request, "GET", url, {"sort": "updated", "per_page": "100", "page": "1"})

    second = await fetch_options(action, "repoFullname", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["stringOptions"] == ["github/docs"]
    assert second["context"] is None
    assert_github_request(route.calls[1].request, "GET", url, {"sort": "updated", "per_page": "100", "page": "2"})


async def test_branch_label_and_assignee_options_list_the_chosen_repository(catalog, respx_mock):
    branches = respx_mock.get(f"{API}/repos/{REPO}/branches").mock(
        return_value=httpx.Response(200, json=[{"name": "main", "commit": {"sha": "c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc", "url": f"{API}/repos/{REPO}/commits/c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc"}, "protected": True}])
    )
    labels = respx_mock.get(f"{API}/repos/{REPO}/labels").mock(
        return_value=httpx.Response(200, json=[{"id": 208045946, "name": "bug", "color": "f29513", "default": True}, {"id": 208045947, "name": "enhancement", "color": "a2eeef", "default": False}])
    )
    assignees = respx_mock.get(f"{API}/repos/{REPO}/assignees").mock(return_value=httpx.Response(200, json=[_user("hubot", 2)]))
    values = {"repoFullname": REPO}
    assert (await fetch_options(catalog.action("github-list-commits"), "sha", values, auth=AUTH))["stringOptions"] == ["main"]
    assert (await fetch_options(catalog.action("github-create-issue"), "labels", values, auth=AUTH))["stringOptions"] == ["bug", "enhancement"]
    assert (await fetch_options(catalog.action("github-create-issue"), "assignees", values, auth=AUTH))["stringOptions"] == ["hubot"]
    for route, kind in ((branches, "branches"), (labels, "labels"), (assignees, "assignees")):
        assert_github_request(route.calls.last.request, "GET", f"{API}/repos/{REPO}/{kind}", {"per_page": "100", "page": "1"})


async def test_branch_options_ask_for_the_repository_first(catalog, respx_mock):
    response = await fetch_options(catalog.action("github-list-commits"), "sha", {}, auth=AUTH)
    assert response["options"] == []
    assert "choose the repository" in response["errors"][0]
    assert not respx_mock.calls


# Auth and rate limits


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.get(f"{API}/repos/{REPO}").mock(
        side_effect=[
            httpx.Response(401, json={"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}),
            httpx.Response(200, json=_repo(REPO)),
        ]
    )
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer gho_refreshed"}

    result = await run_action(catalog.action("github-get-repository"), {"repoFullname": REPO}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None
    assert calls == [1]
    assert route.call_count == 2
    assert route.calls[0].request.headers["authorization"] == "Bearer gho_test_token"
    assert_github_request(route.calls[1].request, "GET", f"{API}/repos/{REPO}", token="gho_refreshed")
    assert result.ret["full_name"] == REPO


async def test_a_401_without_fresh_credentials_asks_to_reconnect(catalog, respx_mock):
    respx_mock.get(f"{API}/repos/{REPO}").mock(return_value=httpx.Response(401, json={"message": "Bad credentials"}))

    async def refresh():
        return None

    result = await run_action(catalog.action("github-get-repository"), {"repoFullname": REPO}, auth=AUTH, on_unauthorized=refresh)
    assert "Bad credentials" in result.error
    assert "reconnect" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/repos/{REPO}/issues/5").mock(
        return_value=httpx.Response(
            429,
            json={"message": "You have exceeded a secondary rate limit.", "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"},
            headers={"Retry-After": "30"},
        )
    )
    result = await run_action(catalog.action("github-get-issue"), {"repoFullname": REPO, "issueNumber": 5}, auth=AUTH)
    assert result.ret is None
    assert "retry after 30 s" in result.error
    assert "secondary rate limit" in result.error
