"""GitLab merging, approvals, pipelines, branches and file reads at the HTTP boundary, with answers
shaped like the REST API v4 reference's examples (https://docs.gitlab.com/api/)."""

import base64
import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_gitlab import API, AUTH, PROJECT, PROJECT_API, _issue, _merge_request, _paged, _user, assert_gitlab_request

SHA = "2dc6aa325a317eda67812f05600bdf0fcdc70ab0"


def _pipeline(pipeline_id=46, *, status="success", ref="main"):
    return {
        "id": pipeline_id,
        "iid": 11,
        "project_id": 1,
        "name": "Build pipeline",
        "status": status,
        "ref": ref,
        "sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
        "before_sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
        "tag": False,
        "yaml_errors": None,
        "user": _user(1, "root", "Administrator"),
        "created_at": "2016-08-11T11:28:34.085Z",
        "updated_at": "2016-08-11T11:32:35.169Z",
        "started_at": None,
        "finished_at": "2016-08-11T11:32:35.145Z",
        "committed_at": None,
        "duration": 123.65,
        "queued_duration": 0.010,
        "coverage": "30.0",
        "source": "push",
        "web_url": f"https://gitlab.com/{PROJECT}/-/pipelines/{pipeline_id}",
    }


def _branch(name="main", *, default=True):
    return {
        "name": name,
        "merged": False,
        "protected": default,
        "default": default,
        "developers_can_push": False,
        "developers_can_merge": False,
        "can_push": True,
        "web_url": f"https://gitlab.com/{PROJECT}/-/tree/{name}",
        "commit": {
            "id": "7b5c3cc8be40ee161ae89a06bba6229da1032a0c",
            "short_id": "7b5c3cc",
            "created_at": "2012-06-28T03:44:20-07:00",
            "parent_ids": ["4ad91d3c1144c406e50c7b33bae684bd6837faf8"],
            "title": "add projects API",
            "message": "add projects API",
            "author_name": "John Smith",
            "author_email": "john@example.com",
            "authored_date": "2012-06-27T05:51:39-07:00",
            "committer_name": "John Smith",
            "committer_email": "john@example.com",
            "committed_date": "2012-06-28T03:44:20-07:00",
            "trailers": {},
            "web_url": f"https://gitlab.com/{PROJECT}/-/commit/7b5c3cc8be40ee161ae89a06bba6229da1032a0c",
        },
    }


async def test_merge_merge_request_squashes_and_deletes_the_source_branch(catalog, respx_mock):
    merged = {**_merge_request(1), "state": "merged", "merged_at": "2017-04-30T10:00:00Z", "merge_commit_sha": SHA}
    route = respx_mock.put(f"{PROJECT_API}/merge_requests/1/merge").mock(return_value=httpx.Response(200, json=merged))
    result = await run_action(
        catalog.action("gitlab-merge-merge-request"),
        {"project": PROJECT, "mergeRequestIid": 1, "squash": True, "shouldRemoveSourceBranch": True,
         "sha": "8888888888888888888888888888888888888888"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_gitlab_request(sent, "PUT", f"{PROJECT_API}/merge_requests/1/merge")
    assert json.loads(sent.content) == {"squash": True, "should_remove_source_branch": True,
                                        "sha": "8888888888888888888888888888888888888888"}
    assert result.ret["state"] == "merged" and result.ret["merged_at"] == "2017-04-30T10:00:00Z"
    assert "upvotes" not in result.ret
    assert result.summary == f"Merged !1 in {PROJECT}"


async def test_merge_merge_request_explains_a_refusal(catalog, respx_mock):
    respx_mock.put(f"{PROJECT_API}/merge_requests/1/merge").mock(
        return_value=httpx.Response(406, json={"message": "Branch cannot be merged"}))
    result = await run_action(catalog.action("gitlab-merge-merge-request"), {"project": PROJECT, "mergeRequestIid": 1}, auth=AUTH)
    assert "GitLab did not merge !1" in result.error
    assert "resolve them on the source branch" in result.error


async def test_approve_merge_request_reports_the_approvals_left(catalog, respx_mock):
    route = respx_mock.post(f"{PROJECT_API}/merge_requests/5/approve").mock(return_value=httpx.Response(201, json={
        "id": 5, "iid": 5, "project_id": 1, "title": "Approvals API", "description": "Test", "state": "opened",
        "created_at": "2016-06-08T00:19:52.638Z", "updated_at": "2016-06-08T21:20:42.470Z", "merge_status": "can_be_merged",
        "approvals_required": 2, "approvals_left": 1, "approved_by": [{"user": _user(1, "root", "Administrator")}]}))
    result = await run_action(catalog.action("gitlab-approve-merge-request"),
                              {"project": PROJECT, "mergeRequestIid": 5, "sha": SHA}, auth=AUTH)
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_gitlab_request(sent, "POST", f"{PROJECT_API}/merge_requests/5/approve")
    assert json.loads(sent.content) == {"sha": SHA}
    assert result.ret == {"iid": 5, "project_id": 1, "title": "Approvals API", "state": "opened",
                          "merge_status": "can_be_merged", "approved": None, "approvals_required": 2,
                          "approvals_left": 1, "approved_by": ["root"]}
    assert result.summary == f"Approved !5 in {PROJECT} (1 approval(s) still needed)"


async def test_list_pipelines_filters_and_pages(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/pipelines").mock(return_value=httpx.Response(
        200, json=[_pipeline(47, status="failed"), _pipeline(48, status="failed")],
        headers=_paged(f"{PROJECT_API}/pipelines", 1, 2)))
    result = await run_action(catalog.action("gitlab-list-pipelines"),
                              {"project": PROJECT, "status": "failed", "ref": "main", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_gitlab_request(route.calls.last.request, "GET", f"{PROJECT_API}/pipelines", {
        "order_by": "id", "sort": "desc", "status": "failed", "ref": "main", "per_page": "2", "page": "1"})
    assert result.ret["next_cursor"] == "2"
    assert result.ret["pipelines"][0] == {
        "id": 47, "iid": 11, "project_id": 1, "status": "failed", "source": "push", "ref": "main",
        "sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a", "web_url": f"https://gitlab.com/{PROJECT}/-/pipelines/47",
        "user": "root", "created_at": "2016-08-11T11:28:34.085Z", "updated_at": "2016-08-11T11:32:35.169Z",
        "finished_at": "2016-08-11T11:32:35.145Z", "duration": 123.65}
    assert result.summary == f"Listed 2 pipelines of {PROJECT}"


async def test_retry_pipeline_returns_the_whole_pipeline_when_asked(catalog, respx_mock):
    route = respx_mock.post(f"{PROJECT_API}/pipelines/46/retry").mock(
        return_value=httpx.Response(201, json=_pipeline(46, status="pending")))
    result = await run_action(catalog.action("gitlab-retry-pipeline"), {"project": PROJECT, "pipelineId": 46}, auth=AUTH)
    assert result.error is None, result.error
    assert_gitlab_request(route.calls.last.request, "POST", f"{PROJECT_API}/pipelines/46/retry")
    assert result.ret["status"] == "pending" and "coverage" not in result.ret
    assert result.summary == f"Retried pipeline 46 of {PROJECT} (now pending)"
    whole = await run_action(catalog.action("gitlab-retry-pipeline"),
                             {"project": PROJECT, "pipelineId": 46, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _pipeline(46, status="pending")


async def test_list_branches_searches_by_name(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/repository/branches").mock(
        return_value=httpx.Response(200, json=[_branch("feature/login", default=False)], headers={"X-Next-Page": ""}))
    result = await run_action(catalog.action("gitlab-list-branches"), {"project": PROJECT, "search": "feature"}, auth=AUTH)
    assert result.error is None, result.error
    assert_gitlab_request(route.calls.last.request, "GET", f"{PROJECT_API}/repository/branches",
                          {"search": "feature", "per_page": "25", "page": "1"})
    assert result.ret == {"branches": [{
        "name": "feature/login", "default": False, "protected": False, "merged": False,
        "web_url": f"https://gitlab.com/{PROJECT}/-/tree/feature/login",
        "commit_sha": "7b5c3cc8be40ee161ae89a06bba6229da1032a0c", "commit_title": "add projects API",
        "committed_date": "2012-06-28T03:44:20-07:00"}], "next_cursor": None}
    assert result.summary == f"Listed 1 branch of {PROJECT}"


async def test_create_branch_from_main(catalog, respx_mock):
    route = respx_mock.post(f"{PROJECT_API}/repository/branches").mock(
        return_value=httpx.Response(201, json=_branch("newbranch", default=False)))
    result = await run_action(catalog.action("gitlab-create-branch"),
                              {"project": PROJECT, "branch": "newbranch", "ref": "main"}, auth=AUTH)
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_gitlab_request(sent, "POST", f"{PROJECT_API}/repository/branches", {"branch": "newbranch", "ref": "main"})
    assert sent.content == b""
    assert result.ret["name"] == "newbranch"
    assert result.summary == f"Created branch newbranch from main in {PROJECT}"


def _file(content=b"# Hello\n", path="docs/README.md"):
    return {
        "file_name": path.rsplit("/", 1)[-1], "file_path": path, "size": len(content), "encoding": "base64",
        "content": base64.b64encode(content).decode(), "content_sha256": "4c294617b60715c1d218e61164a3abd4808a4284cbc30e6728a01ad9aada4481",
        "ref": "main", "blob_id": "79f7bbd25901e8334750839545a9bd021f0e4c83",
        "commit_id": "d5a3ff139356ce33e37e73add446f16869741b50",
        "last_commit_id": "570e7b2abdd848b95f2f578043fc23bd6f6fd24d", "execute_filemode": False,
    }


async def test_get_file_decodes_the_text_on_the_default_branch(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/repository/files/docs%2FREADME.md").mock(
        return_value=httpx.Response(200, json=_file()))
    result = await run_action(catalog.action("gitlab-get-file"), {"project": PROJECT, "path": "docs/README.md"}, auth=AUTH)
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_gitlab_request(sent, "GET", f"{PROJECT_API}/repository/files/docs%2FREADME.md", {"ref": "HEAD"})
    assert sent.url.raw_path.startswith(b"/api/v4/projects/gitlab-org%2Fgitlab-test/repository/files/docs%2FREADME.md")
    assert result.ret == {"file_path": "docs/README.md", "ref": "main", "size": 8,
                          "last_commit_id": "570e7b2abdd848b95f2f578043fc23bd6f6fd24d",
                          "blob_id": "79f7bbd25901e8334750839545a9bd021f0e4c83", "text": "# Hello\n"}
    assert result.summary == f"Read docs/README.md at main in {PROJECT} (8 bytes)"


async def test_get_file_sends_binary_files_to_download_file(catalog, respx_mock):
    respx_mock.get(f"{PROJECT_API}/repository/files/logo.png").mock(
        return_value=httpx.Response(200, json=_file(b"\x89PNG\r\n\x1a\n\xff", "logo.png")))
    result = await run_action(catalog.action("gitlab-get-file"), {"project": PROJECT, "path": "logo.png", "ref": "v1"}, auth=AUTH)
    assert "not a text file; save it with gitlab-download-file" in result.error


async def test_a_token_without_the_api_scope_says_to_reconnect(catalog, respx_mock):
    respx_mock.get(f"{PROJECT_API}/pipelines").mock(return_value=httpx.Response(403, json={
        "error": "insufficient_scope", "error_description": "The request requires higher privileges than provided by the access token.",
        "scope": "api"}))
    result = await run_action(catalog.action("gitlab-list-pipelines"), {"project": PROJECT}, auth=AUTH)
    assert "reconnect the GitLab account and approve the `api` scope" in result.error


async def test_issue_merge_request_and_pipeline_options_list_the_chosen_project(catalog, respx_mock):
    issues = respx_mock.get(f"{PROJECT_API}/issues").mock(return_value=httpx.Response(200, json=[_issue(6, title="Login fails")]))
    mrs = respx_mock.get(f"{PROJECT_API}/merge_requests").mock(return_value=httpx.Response(200, json=[_merge_request(1)]))
    pipelines = respx_mock.get(f"{PROJECT_API}/pipelines").mock(
        return_value=httpx.Response(200, json=[_pipeline(46)], headers={"X-Next-Page": "2"}))
    values = {"project": PROJECT}
    found = await fetch_options(catalog.action("gitlab-get-issue"), "issueIid", values, auth=AUTH)
    assert found["options"] == [{"label": "#6 Login fails", "value": 6}]
    found = await fetch_options(catalog.action("gitlab-merge-merge-request"), "mergeRequestIid", values, auth=AUTH)
    assert found["options"] == [{"label": "!1 test1", "value": 1}]
    found = await fetch_options(catalog.action("gitlab-retry-pipeline"), "pipelineId", values, auth=AUTH)
    assert found["options"] == [{"label": "#46 main (success)", "value": 46}]
    assert found["context"] == {"page": 2}
    opened = {"state": "opened", "order_by": "updated_at", "per_page": "100", "page": "1"}
    assert_gitlab_request(issues.calls.last.request, "GET", f"{PROJECT_API}/issues", opened)
    assert_gitlab_request(mrs.calls.last.request, "GET", f"{PROJECT_API}/merge_requests", opened)
    assert_gitlab_request(pipelines.calls.last.request, "GET", f"{PROJECT_API}/pipelines", {"per_page": "100", "page": "1"})
