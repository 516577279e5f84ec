"""GitHub search (code, repositories, users) and the connected account: profile, organizations,
notifications and gists."""

import json

import httpx

from mcp_gateway.runtime.engine import run_action
from tests.apps.test_github import API, AUTH, REPO, _link, _repo, _user, assert_github_request


async def test_search_code_pages_through_matches(catalog, respx_mock):
    url = f"{API}/search/code"
    item = {
        "name": "classes.js",
        "path": "src/attributes/classes.js",
        "sha": "d7212f9dee2dcc18f084d7df8f417b80846ded5a",
        "url": f"{API}/repositories/167174/contents/src/attributes/classes.js?ref=825ac3773694e0cd23ee74895fd5aeb535b27da4",
        "git_url": f"{API}/repositories/167174/git/blobs/d7212f9dee2dcc18f084d7df8f417b80846ded5a",
        "html_url": "https://github.com/jquery/jquery/blob/825ac3773694e0cd23ee74895fd5aeb535b27da4/src/attributes/classes.js",
        "repository": {"id": 167174, "node_id": "MDEwOlJlcG9zaXRvcnkxNjcxNzQ=", "name": "jquery", "full_name": "jquery/jquery", "owner": _user("jquery", 70142), "private": False},
        "score": 1,
        "text_matches": [{
            "object_url": f"{API}/repositories/167174/contents/src/attributes/classes.js",
            "object_type": "FileContent",
            "property": "content",
            "fragment": "jQuery.fn.extend({\n\taddClass: function( value ) {",
            "matches": [{"text": "addClass", "indices": [21, 29]}],
        }],
    }
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json={"total_count": 7, "incomplete_results": False, "items": [item]}, headers=_link(url, 3))
    )
    query = "addClass repo:jquery/jquery"
    result = await run_action(catalog.action("github-search-code"), {"query": query, "limit": 1, "cursor": "1"}, auth=AUTH)
    assert result.error is None
    sent = route.calls.last.request
    assert sent.method == "GET"
    assert dict(sent.url.params) == {"q": query, "per_page": "1", "page": "2"}
    assert sent.headers["accept"] == "application/vnd.github.text-match+json"
    assert sent.headers["authorization"] == "Bearer gho_test_token"
    assert result.ret["items"] == [{
        "name": "classes.js", "path": "src/attributes/classes.js", "sha": "d7212f9dee2dcc18f084d7df8f417b80846ded5a",
        "repository": "jquery/jquery", "html_url": item["html_url"],
        "fragments": ["jQuery.fn.extend({\n\taddClass: function( value ) {"],
    }]
    assert result.ret["total_count"] == 7
    assert result.ret["next_cursor"] == "2"
    assert result.summary == f"Found 7 files matching {query!r}, returned 1"


async def test_search_repositories_sorted_by_stars(catalog, respx_mock):
    url = f"{API}/search/repositories"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json={"total_count": 40, "incomplete_results": False, "items": [{**_repo("dtrupenn/Tetris", 3081286), "score": 1}]})
    )
    result = await run_action(
        catalog.action("github-search-repositories"), {"query": "tetris language:assembly", "sort": "stars", "order": "desc"}, auth=AUTH
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url,
                          {"q": "tetris language:assembly", "sort": "stars", "order": "desc", "per_page": "25", "page": "1"})
    assert [r["full_name"] for r in result.ret["items"]] == ["dtrupenn/Tetris"]
    assert result.ret["next_cursor"] is None
    assert result.summary == "Found 40 repositories for 'tetris language:assembly', returned 1"


async def test_search_users(catalog, respx_mock):
    url = f"{API}/search/users"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json={"total_count": 12, "incomplete_results": False, "items": [{**_user("mojombo", 1), "score": 1}]})
    )
    result = await run_action(catalog.action("github-search-users"), {"query": "tom repos:>42 followers:>1000"}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"q": "tom repos:>42 followers:>1000", "per_page": "25", "page": "1"})
    assert result.ret["items"] == [{"login": "mojombo", "id": 1, "type": "User", "html_url": "https://github.com/mojombo", "score": 1}]
    assert result.summary == "Found 12 accounts for 'tom repos:>42 followers:>1000', returned 1"


def _profile(login="octocat"):
    return {
        **_user(login, 1),
        "name": "monalisa octocat",
        "company": "GitHub",
        "blog": "https://github.com/blog",
        "location": "San Francisco",
        "email": "octocat@github.com",
        "hireable": False,
        "bio": "There once was...",
        "twitter_username": "monatheoctocat",
        "public_repos": 2,
        "public_gists": 1,
        "followers": 20,
        "following": 0,
        "created_at": "2008-01-14T04:33:35Z",
        "updated_at": "2008-01-14T04:33:35Z",
    }


async def test_get_user_by_login(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/octocat").mock(return_value=httpx.Response(200, json=_profile()))
    result = await run_action(catalog.action("github-get-user"), {"username": "@octocat"}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", f"{API}/users/octocat")
    assert result.ret["name"] == "monalisa octocat"
    assert result.ret["followers"] == 20
    assert "avatar_url" not in result.ret
    assert result.summary == "Retrieved user octocat"


async def test_get_user_without_a_login_reads_the_connected_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user").mock(return_value=httpx.Response(200, json=_profile()))
    result = await run_action(catalog.action("github-get-user"), {}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", f"{API}/user")
    assert result.ret["login"] == "octocat"


async def test_list_organizations(catalog, respx_mock):
    url = f"{API}/user/orgs"
    org = {
        "login": "github", "id": 1, "node_id": "MDEyOk9yZ2FuaXphdGlvbjE=", "url": f"{API}/orgs/github",
        "repos_url": f"{API}/orgs/github/repos", "avatar_url": "https://github.com/images/error/octocat_happy.gif",
        "description": "A great organization",
    }
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[org]))
    result = await run_action(catalog.action("github-list-organizations"), {}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"per_page": "25", "page": "1"})
    assert result.ret == {"organizations": [{"login": "github", "id": 1, "description": "A great organization", "url": f"{API}/orgs/github"}], "next_cursor": None}
    assert result.summary == "Listed 1 organization"


async def test_list_organization_members_by_role(catalog, respx_mock):
    url = f"{API}/orgs/github/members"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[_user("octocat", 1)]))
    result = await run_action(catalog.action("github-list-organization-members"), {"org": "github", "role": "admin"}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"role": "admin", "per_page": "25", "page": "1"})
    assert result.ret["members"] == [{"login": "octocat", "id": 1, "type": "User", "html_url": "https://github.com/octocat"}]
    assert result.summary == "Listed 1 member of github"


async def test_list_notifications_including_read_ones(catalog, respx_mock):
    url = f"{API}/notifications"
    thread = {
        "id": "1",
        "repository": {"id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "Hello-World", "full_name": REPO, "owner": _user("octocat", 1), "private": False},
        "subject": {
            "title": "Greetings",
            "url": f"{API}/repos/{REPO}/issues/123",
            "latest_comment_url": f"{API}/repos/{REPO}/issues/comments/123",
            "type": "Issue",
        },
        "reason": "subscribed",
        "unread": True,
        "updated_at": "2014-11-07T22:01:45Z",
        "last_read_at": "2014-11-07T22:01:45Z",
        "url": f"{API}/notifications/threads/1",
        "subscription_url": f"{API}/notifications/threads/1/subscription",
    }
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[thread]))
    result = await run_action(
        catalog.action("github-list-notifications"), {"all": True, "since": "2014-11-01T00:00:00Z"}, auth=AUTH
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"all": "true", "since": "2014-11-01T00:00:00Z", "per_page": "25", "page": "1"})
    assert result.ret["notifications"] == [{
        "id": "1", "reason": "subscribed", "unread": True, "title": "Greetings", "type": "Issue",
        "subject_url": f"{API}/repos/{REPO}/issues/123", "repository": REPO,
        "updated_at": "2014-11-07T22:01:45Z", "last_read_at": "2014-11-07T22:01:45Z",
    }]
    assert result.summary == "Listed 1 notification"


async def test_create_gist_with_two_files(catalog, respx_mock):
    gist = {
        "url": f"{API}/gists/2decf6c462d9b4418f2",
        "id": "2decf6c462d9b4418f2",
        "node_id": "G_kwDOBhHyLdZDliNDQxOGYy",
        "html_url": "https://gist.github.com/2decf6c462d9b4418f2",
        "files": {
            "README.md": {"filename": "README.md", "type": "text/markdown", "language": "Markdown", "raw_url": "https://gist.githubusercontent.com/monalisa/2decf6c462d9b4418f2/raw/ac3e6daf176fafe73609fd000cd188e4472010fb/README.md", "size": 23, "truncated": False, "content": "Hello world from GitHub"},
            "hello.py": {"filename": "hello.py", "type": "application/x-python", "language": "Python", "raw_url": "https://gist.githubusercontent.com/monalisa/2decf6c462d9b4418f2/raw/bb/hello.py", "size": 12, "truncated": False, "content": "print('hi')\n"},
        },
        "public": False,
        "created_at": "2010-04-14T02:15:15Z",
        "updated_at": "2011-06-20T11:34:15Z",
        "description": "Example of a gist",
        "comments": 0,
        "user": None,
        "owner": _user("monalisa", 104456405),
        "truncated": False,
    }
    route = respx_mock.post(f"{API}/gists").mock(return_value=httpx.Response(201, json=gist))
    result = await run_action(
        catalog.action("github-create-gist"),
        {"files": {"README.md": "Hello world from GitHub", "hello.py": "print('hi')\n"}, "description": "Example of a gist"},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "POST", f"{API}/gists")
    assert json.loads(route.calls.last.request.content) == {
        "files": {"README.md": {"content": "Hello world from GitHub"}, "hello.py": {"content": "print('hi')\n"}},
        "public": False,
        "description": "Example of a gist",
    }
    assert result.ret["id"] == "2decf6c462d9b4418f2"
    assert [f["filename"] for f in result.ret["files"]] == ["README.md", "hello.py"]
    assert result.ret["owner"] == "monalisa"
    assert result.summary == "Created secret gist 2decf6c462d9b4418f2 with 2 files"


async def test_create_gist_refuses_an_empty_file(catalog, respx_mock):
    result = await run_action(catalog.action("github-create-gist"), {"files": {"a.txt": ""}}, auth=AUTH)
    assert "empty gist files" in result.error
    assert not respx_mock.calls
