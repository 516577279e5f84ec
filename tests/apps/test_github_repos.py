"""GitHub repositories: listing and creating them, branches, files, releases, tags and people."""

import base64
import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_github import API, AUTH, REPO, _commit, _file_content, _link, _repo, _user, assert_github_request

SHA = "aa218f56b14c9653891f9e74264a383fa43fefbd"


def _release(release_id=1, tag="v1.0.0", draft=False):
    return {
        "url": f"{API}/repos/{REPO}/releases/{release_id}",
        "html_url": f"https://github.com/{REPO}/releases/{tag}",
        "assets_url": f"{API}/repos/{REPO}/releases/{release_id}/assets",
        "upload_url": f"https://uploads.github.com/repos/{REPO}/releases/{release_id}/assets{{?name,label}}",
        "tarball_url": f"{API}/repos/{REPO}/tarball/{tag}",
        "zipball_url": f"{API}/repos/{REPO}/zipball/{tag}",
        "id": release_id,
        "node_id": "MDc6UmVsZWFzZTE=",
        "tag_name": tag,
        "target_commitish": "master",
        "name": tag,
        "body": "Description of the release",
        "draft": draft,
        "prerelease": False,
        "created_at": "2013-02-27T19:35:32Z",
        "published_at": None if draft else "2013-02-27T19:35:32Z",
        "author": _user("octocat", 1),
        "assets": [{
            "url": f"{API}/repos/{REPO}/releases/assets/1",
            "browser_download_url": f"https://github.com/{REPO}/releases/download/{tag}/example.zip",
            "id": 1,
            "name": "example.zip",
            "label": "short description",
            "state": "uploaded",
            "content_type": "application/zip",
            "size": 1024,
            "download_count": 42,
            "created_at": "2013-02-27T19:35:32Z",
            "updated_at": "2013-02-27T19:35:32Z",
            "uploader": _user("octocat", 1),
        }],
    }


async def test_list_repositories_of_the_user(catalog, respx_mock):
    url = f"{API}/user/repos"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[_repo(REPO), _repo("octocat/Spoon-Knife", 2, private=True)]))
    result = await run_action(
        catalog.action("github-list-repositories"), {"visibility": "all", "affiliation": "owner,collaborator", "limit": 10}, auth=AUTH
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url,
                          {"visibility": "all", "affiliation": "owner,collaborator", "sort": "updated", "per_page": "10", "page": "1"})
    assert [r["full_name"] for r in result.ret["repositories"]] == [REPO, "octocat/Spoon-Knife"]
    assert result.ret["repositories"][1]["private"] is True
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 2 repositories"


async def test_create_repository_for_the_user(catalog, respx_mock):
    route = respx_mock.post(f"{API}/user/repos").mock(return_value=httpx.Response(201, json=_repo(REPO)))
    result = await run_action(
        catalog.action("github-create-repository"),
        {"name": "Hello-World", "description": "This is your first repo!", "autoInit": True, "licenseTemplate": "mit"},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "POST", f"{API}/user/repos")
    assert json.loads(route.calls.last.request.content) == {
        "name": "Hello-World", "private": False, "description": "This is your first repo!", "license_template": "mit", "auto_init": True,
    }
    assert result.ret["full_name"] == REPO
    assert result.summary == f"Created public repository {REPO}"


async def test_create_repository_in_an_organization(catalog, respx_mock):
    route = respx_mock.post(f"{API}/orgs/github/repos").mock(return_value=httpx.Response(201, json=_repo("github/tools", 3, private=True)))
    result = await run_action(
        catalog.action("github-create-repository"), {"name": "tools", "org": "github", "private": True}, auth=AUTH
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "POST", f"{API}/orgs/github/repos")
    assert json.loads(route.calls.last.request.content) == {"name": "tools", "private": True}
    assert result.summary == "Created private repository github/tools"


async def test_create_repository_refuses_an_owner_in_the_name(catalog, respx_mock):
    result = await run_action(catalog.action("github-create-repository"), {"name": "github/tools"}, auth=AUTH)
    assert "put an organization in `org`" in result.error
    assert not respx_mock.calls


async def test_list_branches_only_protected(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/branches"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json=[{"name": "main", "commit": {"sha": "c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc", "url": f"{API}/repos/{REPO}/commits/c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc"}, "protected": True}])
    )
    result = await run_action(catalog.action("github-list-branches"), {"repoFullname": REPO, "protected": True}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"protected": "true", "per_page": "25", "page": "1"})
    assert result.ret == {"branches": [{"name": "main", "sha": "c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc", "protected": True}], "next_cursor": None}
    assert result.summary == f"Listed 1 branch of {REPO}"


def _git_ref(name):
    return {
        "ref": f"refs/heads/{name}",
        "node_id": "MDM6UmVmcmVmcy9oZWFkcy9mZWF0dXJlQQ==",
        "url": f"{API}/repos/{REPO}/git/refs/heads/{name}",
        "object": {"type": "commit", "sha": SHA, "url": f"{API}/repos/{REPO}/git/commits/{SHA}"},
    }


async def test_create_branch_from_the_default_branch(catalog, respx_mock):
    repo = respx_mock.get(f"{API}/repos/{REPO}").mock(return_value=httpx.Response(200, json=_repo(REPO)))
    commit = respx_mock.get(f"{API}/repos/{REPO}/commits/master").mock(return_value=httpx.Response(200, json=_commit(SHA)))
    route = respx_mock.post(f"{API}/repos/{REPO}/git/refs").mock(return_value=httpx.Response(201, json=_git_ref("featureA")))
    result = await run_action(catalog.action("github-create-branch"), {"repoFullname": REPO, "branch": "featureA"}, auth=AUTH)
    assert result.error is None
    assert_github_request(repo.calls.last.request, "GET", f"{API}/repos/{REPO}")
    assert_github_request(commit.calls.last.request, "GET", f"{API}/repos/{REPO}/commits/master")
    assert_github_request(route.calls.last.request, "POST", f"{API}/repos/{REPO}/git/refs")
    assert json.loads(route.calls.last.request.content) == {"ref": "refs/heads/featureA", "sha": SHA}
    assert result.ret == {"ref": "refs/heads/featureA", "branch": "featureA", "sha": SHA, "url": f"{API}/repos/{REPO}/git/refs/heads/featureA"}
    assert result.summary == f"Created branch featureA in {REPO} at aa218f5"


async def test_create_branch_from_a_commit_sha_needs_no_lookup(catalog, respx_mock):
    route = respx_mock.post(f"{API}/repos/{REPO}/git/refs").mock(return_value=httpx.Response(201, json=_git_ref("fix/typo")))
    result = await run_action(catalog.action("github-create-branch"), {"repoFullname": REPO, "branch": "fix/typo", "from": SHA}, auth=AUTH)
    assert result.error is None
    assert route.call_count == 1 and len(respx_mock.calls) == 1
    assert json.loads(route.calls.last.request.content) == {"ref": "refs/heads/fix/typo", "sha": SHA}


async def test_get_file_contents_decodes_the_text(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/contents/docs/README.md"
    payload = {**_file_content("docs/README.md"), "encoding": "base64", "content": base64.encodebytes("# Hello ✓\n".encode()).decode()}
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=payload))
    result = await run_action(catalog.action("github-get-file-contents"), {"repoFullname": REPO, "path": "docs/README.md", "ref": "main"}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"ref": "main"})
    assert result.ret == {
        "name": "README.md", "path": "docs/README.md", "type": "file", "size": 9, "sha": "95b966ae1c166bd92f8ae7d1c313e738c731dfc3",
        "html_url": f"https://github.com/{REPO}/blob/main/docs/README.md",
        "download_url": f"https://raw.githubusercontent.com/{REPO}/main/docs/README.md",
        "text": "# Hello ✓\n",
    }
    assert result.summary == f"Read docs/README.md (9 bytes) in {REPO} at main"


async def test_get_file_contents_lists_a_directory(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/contents/docs"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[_file_content("docs/a.md"), {**_file_content("docs/img", "b1"), "type": "dir", "size": 0}]))
    result = await run_action(catalog.action("github-get-file-contents"), {"repoFullname": REPO, "path": "docs"}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url)
    assert result.ret["type"] == "dir"
    assert [(e["path"], e["type"]) for e in result.ret["entries"]] == [("docs/a.md", "file"), ("docs/img", "dir")]
    assert result.summary == f"Listed 2 entries of docs/ in {REPO}"


async def test_delete_file_reads_its_sha_first(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/contents/docs/old.md"
    get = respx_mock.get(url).mock(return_value=httpx.Response(200, json={**_file_content("docs/old.md"), "encoding": "base64", "content": ""}))
    delete = respx_mock.delete(url).mock(return_value=httpx.Response(200, json={
        "content": None,
        "commit": {
            "sha": "7638417db6d59f3c431d3e1f261cc637155684cd",
            "node_id": "MDY6Q29tbWl0NzYzODQxN2RiNmQ1OWYzYzQzMWQzZTFmMjYxY2M2MzcxNTU2ODRjZA==",
            "url": f"{API}/repos/{REPO}/git/commits/7638417db6d59f3c431d3e1f261cc637155684cd",
            "html_url": f"https://github.com/{REPO}/git/commit/7638417db6d59f3c431d3e1f261cc637155684cd",
            "author": {"date": "2014-11-07T22:01:45Z", "name": "Monalisa Octocat", "email": "octocat@github.com"},
            "committer": {"date": "2014-11-07T22:01:45Z", "name": "Monalisa Octocat", "email": "octocat@github.com"},
            "message": "Remove old docs",
            "tree": {"url": f"{API}/repos/{REPO}/git/trees/691272480426f78a0138979dd3ce63b77f706feb", "sha": "691272480426f78a0138979dd3ce63b77f706feb"},
            "parents": [],
            "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None},
        },
    }))
    result = await run_action(
        catalog.action("github-delete-file"), {"repoFullname": REPO, "path": "docs/old.md", "message": "Remove old docs", "branch": "main"}, auth=AUTH
    )
    assert result.error is None
    assert_github_request(get.calls.last.request, "GET", url, {"ref": "main"})
    assert_github_request(delete.calls.last.request, "DELETE", url)
    assert json.loads(delete.calls.last.request.content) == {
        "message": "Remove old docs", "sha": "95b966ae1c166bd92f8ae7d1c313e738c731dfc3", "branch": "main",
    }
    assert result.ret == {"commit": {"sha": "7638417db6d59f3c431d3e1f261cc637155684cd", "message": "Remove old docs",
                                     "html_url": f"https://github.com/{REPO}/git/commit/7638417db6d59f3c431d3e1f261cc637155684cd"}}
    assert result.summary == f"Deleted docs/old.md in {REPO} (commit 7638417)"


async def test_list_releases_with_assets(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/releases"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[_release(2, "v1.1.0"), _release()], headers=_link(url, 2)))
    result = await run_action(catalog.action("github-list-releases"), {"repoFullname": REPO, "limit": 2}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"per_page": "2", "page": "1"})
    assert [r["tag_name"] for r in result.ret["releases"]] == ["v1.1.0", "v1.0.0"]
    assert result.ret["releases"][0]["assets"] == [
        {"name": "example.zip", "size": 1024, "browser_download_url": f"https://github.com/{REPO}/releases/download/v1.1.0/example.zip"}
    ]
    assert result.ret["next_cursor"] == "2"
    assert result.summary == f"Listed 2 releases of {REPO}"


async def test_create_release_as_a_draft_with_generated_notes(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/releases"
    route = respx_mock.post(url).mock(return_value=httpx.Response(201, json=_release(draft=True)))
    result = await run_action(
        catalog.action("github-create-release"),
        {"repoFullname": REPO, "tagName": "v1.0.0", "targetCommitish": "master", "name": "v1.0.0", "draft": True, "generateReleaseNotes": True},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "POST", url)
    assert json.loads(route.calls.last.request.content) == {
        "tag_name": "v1.0.0", "draft": True, "prerelease": False, "target_commitish": "master", "name": "v1.0.0", "generate_release_notes": True,
    }
    assert result.ret["draft"] is True
    assert result.summary == f"Created draft release v1.0.0 of {REPO}"


async def test_list_tags(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/tags"
    tag = {
        "name": "v0.1",
        "commit": {"sha": "c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc", "url": f"{API}/repos/{REPO}/commits/c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc"},
        "zipball_url": f"https://github.com/{REPO}/zipball/v0.1",
        "tarball_url": f"https://github.com/{REPO}/tarball/v0.1",
        "node_id": "MDQ6VXNlcjE=",
    }
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[tag]))
    result = await run_action(catalog.action("github-list-tags"), {"repoFullname": REPO}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"per_page": "25", "page": "1"})
    assert result.ret == {"tags": [{"name": "v0.1", "sha": "c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc"}], "next_cursor": None}
    assert result.summary == f"Listed 1 tag of {REPO}"


async def test_list_contributors_with_anonymous_ones(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/contributors"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[{**_user("octocat", 1), "contributions": 32}]))
    result = await run_action(catalog.action("github-list-contributors"), {"repoFullname": REPO, "anon": True}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"anon": "true", "per_page": "25", "page": "1"})
    assert result.ret["contributors"] == [{"login": "octocat", "id": 1, "type": "User", "html_url": "https://github.com/octocat", "contributions": 32}]
    assert result.summary == f"Listed 1 contributor of {REPO}"


async def test_list_collaborators_by_permission(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/collaborators"
    permissions = {"pull": True, "triage": True, "push": True, "maintain": False, "admin": False}
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[{**_user("octocat", 1), "permissions": permissions, "role_name": "write"}]))
    result = await run_action(catalog.action("github-list-collaborators"), {"repoFullname": REPO, "affiliation": "direct", "permission": "push"}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"affiliation": "direct", "permission": "push", "per_page": "25", "page": "1"})
    assert result.ret["collaborators"][0]["role_name"] == "write"
    assert result.ret["collaborators"][0]["permissions"] == permissions
    assert result.summary == f"Listed 1 collaborator of {REPO}"


async def test_star_repository(catalog, respx_mock):
    route = respx_mock.put(f"{API}/user/starred/{REPO}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("github-star-repository"), {"repoFullname": f"https://github.com/{REPO}"}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "PUT", f"{API}/user/starred/{REPO}")
    assert result.ret == {"starred": True, "repository": REPO}
    assert result.summary == f"Starred {REPO}"


async def test_org_options_list_the_users_organizations(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user/orgs").mock(
        return_value=httpx.Response(200, json=[{"login": "github", "id": 1, "node_id": "MDEyOk9yZ2FuaXphdGlvbjE=", "url": f"{API}/orgs/github", "description": "A great organization"}])
    )
    options = await fetch_options(catalog.action("github-create-repository"), "org", {}, auth=AUTH)
    assert options["stringOptions"] == ["github"]
    assert_github_request(route.calls.last.request, "GET", f"{API}/user/orgs", {"per_page": "100", "page": "1"})
