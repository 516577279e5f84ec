"""GitLab actions at the HTTP boundary: requests as the REST API v4 reference describes them,
answers shaped like its examples (https://docs.gitlab.com/api/)."""

import base64
import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://gitlab.com/api/v4"
TOKEN = "de6780bc506a0446309bd9362820ba8aed28aa506c71eedbe1c5c4f9dd350e54"
AUTH = {"oauth_access_token": TOKEN}
PROJECT = "gitlab-org/gitlab-test"
ENCODED = "gitlab-org%2Fgitlab-test"
PROJECT_API = f"{API}/projects/{ENCODED}"


def _user(user_id=1, username="root", name="Administrator"):
    return {
        "id": user_id,
        "username": username,
        "name": name,
        "state": "active",
        "avatar_url": None,
        "web_url": f"https://gitlab.com/{username}",
    }


def _issue(iid=6, *, title="Consequatur vero maxime deserunt laboriosam est voluptas dolorem.", state="opened",
           labels=("foo", "bar"), description="Ratione dolores corrupti mollitia soluta quia."):
    return {
        "id": 76,
        "iid": iid,
        "project_id": 1,
        "title": title,
        "description": description,
        "state": state,
        "created_at": "2016-01-04T15:31:51.081Z",
        "updated_at": "2016-01-04T15:31:51.081Z",
        "closed_at": None if state == "opened" else "2016-01-05T10:00:00.000Z",
        "closed_by": None,
        "labels": list(labels),
        "milestone": {"project_id": 1, "description": "Ducimus nam enim ex consequatur cumque ratione.", "state": "closed",
                      "due_date": None, "iid": 2, "created_at": "2016-01-04T15:31:39.996Z", "title": "v4.0", "id": 17,
                      "updated_at": "2016-01-04T15:31:39.996Z"},
        "assignees": [_user()],
        "assignee": _user(),
        "author": _user(18, "eileen.lowe", "Alexandra Bashirian"),
        "type": "ISSUE",
        "user_notes_count": 1,
        "merge_requests_count": 0,
        "upvotes": 4,
        "downvotes": 0,
        "due_date": "2016-07-22",
        "confidential": False,
        "discussion_locked": False,
        "issue_type": "issue",
        "web_url": f"https://gitlab.com/{PROJECT}/-/issues/{iid}",
        "references": {"short": f"#{iid}", "relative": f"#{iid}", "full": f"{PROJECT}#{iid}"},
        "time_stats": {"time_estimate": 0, "total_time_spent": 0, "human_time_estimate": None,
                       "human_total_time_spent": None},
        "has_tasks": False,
        "_links": {"self": f"{API}/projects/1/issues/{iid}", "notes": f"{API}/projects/1/issues/{iid}/notes",
                   "award_emoji": f"{API}/projects/1/issues/{iid}/award_emoji", "project": f"{API}/projects/1"},
    }


def _merge_request(iid=1, *, title="test1", source="test1", target="master", state="opened", draft=False):
    return {
        "id": 1,
        "iid": iid,
        "project_id": 3,
        "title": title,
        "description": "fixed login page css paddings",
        "state": state,
        "created_at": "2017-04-29T08:46:00Z",
        "updated_at": "2017-04-29T08:46:00Z",
        "merged_at": None,
        "target_branch": target,
        "source_branch": source,
        "upvotes": 0,
        "downvotes": 0,
        "author": _user(1, "admin", "Administrator"),
        "assignees": [_user(1, "admin", "Administrator")],
        "reviewers": [_user(2, "ada", "Ada Lovelace")],
        "source_project_id": 2,
        "target_project_id": 3,
        "labels": ["Community contribution", "Manage"],
        "draft": draft,
        "work_in_progress": draft,
        "milestone": None,
        "merge_when_pipeline_succeeds": False,
        "merge_status": "can_be_merged",
        "detailed_merge_status": "mergeable",
        "sha": "8888888888888888888888888888888888888888",
        "merge_commit_sha": None,
        "user_notes_count": 1,
        "should_remove_source_branch": True,
        "force_remove_source_branch": False,
        "has_conflicts": False,
        "web_url": f"https://gitlab.com/{PROJECT}/-/merge_requests/{iid}",
        "references": {"short": f"!{iid}", "relative": f"!{iid}", "full": f"{PROJECT}!{iid}"},
    }


def _note(note_id=302, body="closed", *, system=False):
    return {
        "id": note_id,
        "body": body,
        "attachment": None,
        "author": _user(1, "pipin", "Pip"),
        "created_at": "2013-10-02T09:22:45Z",
        "updated_at": "2013-10-02T10:22:45Z",
        "system": system,
        "noteable_id": 377,
        "noteable_type": "Issue",
        "project_id": 5,
        "noteable_iid": 377,
        "resolvable": False,
        "confidential": False,
        "internal": False,
    }


def _project(project_id=4, path="diaspora/diaspora-client"):
    return {
        "id": project_id,
        "description": "A Ruby client for the Diaspora API",
        "name": path.split("/")[-1],
        "name_with_namespace": path.replace("/", " / "),
        "path": path.split("/")[-1],
        "path_with_namespace": path,
        "created_at": "2013-09-30T13:46:02Z",
        "default_branch": "main",
        "tag_list": [],
        "topics": [],
        "ssh_url_to_repo": f"git@gitlab.com:{path}.git",
        "http_url_to_repo": f"https://gitlab.com/{path}.git",
        "web_url": f"https://gitlab.com/{path}",
        "avatar_url": None,
        "star_count": 0,
        "last_activity_at": "2013-09-30T13:46:02Z",
        "visibility": "private",
        "namespace": {"id": 2, "name": path.split("/")[0], "path": path.split("/")[0], "kind": "group"},
    }


def assert_gitlab_request(request, method, url, params=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params.multi_items()) == (params or {})
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def _paged(url, page, next_page=None):
    headers = {"X-Page": str(page), "X-Per-Page": "100", "X-Total": "3", "X-Total-Pages": "2",
               "X-Next-Page": str(next_page) if next_page else "", "X-Prev-Page": str(page - 1) if page > 1 else ""}
    return headers


# Issues


async def test_create_issue_posts_labels_assignees_due_date_and_confidentiality(catalog, respx_mock):
    route = respx_mock.post(f"{PROJECT_API}/issues").mock(
        return_value=httpx.Response(201, json=_issue(7, title="Login fails", labels=("bug", "backend")))
    )
    result = await run_action(
        catalog.action("gitlab-create-issue"),
        {
            "project": PROJECT,
            "title": "Login fails",
            "description": "Steps to reproduce...",
            "labels": ["bug", "backend"],
            "assigneeIds": [1],
            "dueDate": "2016-07-22",
            "confidential": True,
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_gitlab_request(sent, "POST", f"{PROJECT_API}/issues")
    assert sent.url.raw_path == b"/api/v4/projects/gitlab-org%2Fgitlab-test/issues"
    assert json.loads(sent.content) == {
        "title": "Login fails",
        "description": "Steps to reproduce...",
        "labels": "bug,backend",
        "assignee_ids": [1],
        "due_date": "2016-07-22",
        "confidential": True,
    }
    assert result.ret["iid"] == 7
    assert result.ret["web_url"] == f"https://gitlab.com/{PROJECT}/-/issues/7"
    assert result.ret["labels"] == ["bug", "backend"]
    assert result.ret["assignees"] == ["root"]
    assert result.ret["author"] == "eileen.lowe"
    assert result.ret["reference"] == f"{PROJECT}#7"
    assert result.summary == f"Created issue #7 in {PROJECT}"


async def test_create_issue_accepts_a_project_url_or_numeric_id(catalog, respx_mock):
    by_url = respx_mock.post(f"{PROJECT_API}/issues").mock(return_value=httpx.Response(201, json=_issue(8)))
    by_id = respx_mock.post(f"{API}/projects/278964/issues").mock(return_value=httpx.Response(201, json=_issue(9)))
    first = await run_action(
        catalog.action("gitlab-create-issue"),
        {"project": f"https://gitlab.com/{PROJECT}/-/issues", "title": "A"},
        auth=AUTH,
    )
    second = await run_action(catalog.action("gitlab-create-issue"), {"project": "278964", "title": "B"}, auth=AUTH)
    assert first.error is None and second.error is None
    assert json.loads(by_url.calls.last.request.content) == {"title": "A"}
    assert json.loads(by_id.calls.last.request.content) == {"title": "B"}
    assert second.summary == "Created issue #9 in 278964"


async def test_create_issue_rejects_a_project_without_namespace(catalog, respx_mock):
    result = await run_action(catalog.action("gitlab-create-issue"), {"project": "gitlab-test", "title": "x"}, auth=AUTH)
    assert "path with its namespace" in result.error
    assert not respx_mock.calls


async def test_a_validation_error_names_the_fields(catalog, respx_mock):
    respx_mock.post(f"{PROJECT_API}/issues").mock(
        return_value=httpx.Response(400, json={"message": {"title": ["can't be blank", "is too short (minimum is 1 character)"]}})
    )
    result = await run_action(catalog.action("gitlab-create-issue"), {"project": PROJECT, "title": " "}, auth=AUTH)
    assert result.ret is None
    assert "title can't be blank; is too short (minimum is 1 character)" in result.error
    assert "GitLab refused POST" in result.error


async def test_update_issue_closes_and_changes_labels(catalog, respx_mock):
    route = respx_mock.put(f"{PROJECT_API}/issues/6").mock(
        return_value=httpx.Response(200, json=_issue(6, state="closed", labels=("bug",)))
    )
    result = await run_action(
        catalog.action("gitlab-update-issue"),
        {"project": PROJECT, "issueIid": 6, "stateEvent": "close", "addLabels": ["bug"], "removeLabels": ["needs triage"],
         "assigneeIds": [0]},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_gitlab_request(sent, "PUT", f"{PROJECT_API}/issues/6")
    assert json.loads(sent.content) == {
        "state_event": "close",
        "add_labels": "bug",
        "remove_labels": "needs triage",
        "assignee_ids": [0],
    }
    assert result.ret["state"] == "closed"
    assert result.summary == f"Updated issue #6 in {PROJECT} (now closed)"


async def test_update_issue_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("gitlab-update-issue"), {"project": PROJECT, "issueIid": 6}, auth=AUTH)
    assert "nothing to change" in result.error
    assert not respx_mock.calls


async def test_get_issue_reads_one_issue(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/issues/6").mock(return_value=httpx.Response(200, json=_issue()))
    result = await run_action(catalog.action("gitlab-get-issue"), {"project": PROJECT, "issueIid": 6}, auth=AUTH)
    assert result.error is None
    assert_gitlab_request(route.calls.last.request, "GET", f"{PROJECT_API}/issues/6")
    assert result.ret["description"] == "Ratione dolores corrupti mollitia soluta quia."
    assert result.ret["milestone"] == "v4.0"
    assert result.ret["due_date"] == "2016-07-22"
    assert result.ret["comments"] == 1
    assert result.summary == f"Retrieved issue #6 of {PROJECT}: Consequatur vero maxime deserunt laboriosam est voluptas dolorem."


async def test_get_issue_reports_a_missing_project(catalog, respx_mock):
    respx_mock.get(f"{PROJECT_API}/issues/6").mock(return_value=httpx.Response(404, json={"message": "404 Project Not Found"}))
    result = await run_action(catalog.action("gitlab-get-issue"), {"project": PROJECT, "issueIid": 6}, auth=AUTH)
    assert "GitLab found nothing at GET" in result.error
    assert "404 Project Not Found" in result.error
    assert "gitlab-list-projects" in result.error


async def test_list_issues_filters_and_pages_with_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/issues").mock(
        side_effect=[
            httpx.Response(200, json=[_issue(1), _issue(2)], headers=_paged(f"{PROJECT_API}/issues", 1, 2)),
            httpx.Response(200, json=[_issue(3)], headers=_paged(f"{PROJECT_API}/issues", 2)),
        ]
    )
    values = {"project": PROJECT, "state": "all", "labels": ["bug", "ui"], "assigneeUsername": "root", "search": "login",
              "orderBy": "updated_at", "limit": 2}
    result = await run_action(catalog.action("gitlab-list-issues"), values, auth=AUTH)
    assert result.error is None, result.error
    base = {"state": "all", "order_by": "updated_at", "sort": "desc", "scope": "all", "labels": "bug,ui",
            "assignee_username": "root", "search": "login", "per_page": "2"}
    assert_gitlab_request(route.calls[0].request, "GET", f"{PROJECT_API}/issues", {**base, "page": "1"})
    assert [i["iid"] for i in result.ret["issues"]] == [1, 2]
    assert result.ret["issues"][0]["reference"] == f"{PROJECT}#1"
    assert "_links" not in result.ret["issues"][0]
    assert result.ret["next_cursor"] == "2"
    assert result.summary == f"Listed 2 issues in {PROJECT}"

    result = await run_action(catalog.action("gitlab-list-issues"), {**values, "cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert_gitlab_request(route.calls[1].request, "GET", f"{PROJECT_API}/issues", {**base, "page": "2"})
    assert [i["iid"] for i in result.ret["issues"]] == [3]
    assert result.ret["next_cursor"] is None


async def test_list_issues_refuses_a_cursor_it_did_not_give(catalog, respx_mock):
    result = await run_action(catalog.action("gitlab-list-issues"), {"cursor": "abc"}, auth=AUTH)
    assert "pass `next_cursor` from the previous result unchanged" in result.error
    assert not respx_mock.calls


async def test_list_issues_without_a_project_lists_the_users_assigned_issues(catalog, respx_mock):
    route = respx_mock.get(f"{API}/issues").mock(return_value=httpx.Response(200, json=[_issue()], headers={"X-Next-Page": ""}))
    result = await run_action(catalog.action("gitlab-list-issues"), {}, auth=AUTH)
    assert result.error is None
    assert_gitlab_request(route.calls.last.request, "GET", f"{API}/issues", {
        "state": "opened", "order_by": "created_at", "sort": "desc", "scope": "assigned_to_me", "per_page": "25",
        "page": "1"})
    assert result.summary == "Listed 1 opened issue across projects (assigned_to_me)"


# Comments


async def test_add_comment_on_a_merge_request(catalog, respx_mock):
    route = respx_mock.post(f"{PROJECT_API}/merge_requests/11/notes").mock(
        return_value=httpx.Response(201, json=_note(1001, "LGTM :+1:"))
    )
    result = await run_action(
        catalog.action("gitlab-add-comment"),
        {"project": PROJECT, "targetType": "merge_request", "iid": 11, "body": "LGTM :+1:"},
        auth=AUTH,
    )
    assert result.error is None
    sent = route.calls.last.request
    assert_gitlab_request(sent, "POST", f"{PROJECT_API}/merge_requests/11/notes")
    assert json.loads(sent.content) == {"body": "LGTM :+1:"}
    assert result.ret == {"id": 1001, "body": "LGTM :+1:", "author": "pipin", "system": False,
                          "created_at": "2013-10-02T09:22:45Z", "updated_at": "2013-10-02T10:22:45Z"}
    assert result.summary == f"Commented on !11 in {PROJECT}"


async def test_list_comments_leaves_out_system_notes(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/issues/377/notes").mock(
        return_value=httpx.Response(200, json=[_note(1, "Is this reproducible?"), _note(2, "added ~bug label", system=True),
                                               _note(3, "Yes, on Firefox.")])
    )
    result = await run_action(catalog.action("gitlab-list-comments"), {"project": PROJECT, "iid": 377}, auth=AUTH)
    assert result.error is None
    assert_gitlab_request(route.calls.last.request, "GET", f"{PROJECT_API}/issues/377/notes",
                          {"sort": "asc", "order_by": "created_at", "per_page": "25", "page": "1"})
    assert [n["body"] for n in result.ret["comments"]] == ["Is this reproducible?", "Yes, on Firefox."]
    assert result.summary == f"Listed 2 comments on #377 in {PROJECT}"


# Merge requests


async def test_create_merge_request_targets_the_default_branch_as_a_draft(catalog, respx_mock):
    project = respx_mock.get(PROJECT_API).mock(return_value=httpx.Response(200, json=_project(3, PROJECT)))
    route = respx_mock.post(f"{PROJECT_API}/merge_requests").mock(
        return_value=httpx.Response(201, json=_merge_request(12, title="Draft: Add login form", source="feature/login",
                                                             target="main", draft=True))
    )
    result = await run_action(
        catalog.action("gitlab-create-merge-request"),
        {"project": PROJECT, "sourceBranch": "feature/login", "title": "Add login form", "draft": True,
         "reviewerIds": [2], "removeSourceBranch": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_gitlab_request(project.calls.last.request, "GET", PROJECT_API)
    sent = route.calls.last.request
    assert_gitlab_request(sent, "POST", f"{PROJECT_API}/merge_requests")
    assert json.loads(sent.content) == {
        "source_branch": "feature/login",
        "target_branch": "main",
        "title": "Draft: Add login form",
        "reviewer_ids": [2],
        "remove_source_branch": True,
    }
    assert result.ret["draft"] is True
    assert result.ret["reviewers"] == ["ada"]
    assert result.summary == f"Opened merge request !12 in {PROJECT}: feature/login → main"


async def test_get_merge_request_reads_one(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/merge_requests/1").mock(return_value=httpx.Response(200, json=_merge_request()))
    result = await run_action(catalog.action("gitlab-get-merge-request"), {"project": PROJECT, "mergeRequestIid": 1}, auth=AUTH)
    assert result.error is None
    assert_gitlab_request(route.calls.last.request, "GET", f"{PROJECT_API}/merge_requests/1")
    assert result.ret["merge_status"] == "mergeable"
    assert result.ret["source_branch"] == "test1"
    assert result.summary == f"Retrieved merge request !1 of {PROJECT}: test1"


async def test_list_merge_requests_across_projects_for_a_reviewer(catalog, respx_mock):
    route = respx_mock.get(f"{API}/merge_requests").mock(return_value=httpx.Response(200, json=[_merge_request()]))
    result = await run_action(
        catalog.action("gitlab-list-merge-requests"),
        {"state": "merged", "scope": "all", "reviewerUsername": "ada", "limit": 5},
        auth=AUTH,
    )
    assert result.error is None
    assert_gitlab_request(route.calls.last.request, "GET", f"{API}/merge_requests", {
        "state": "merged", "order_by": "created_at", "sort": "desc", "scope": "all", "reviewer_username": "ada",
        "per_page": "5", "page": "1"})
    assert result.ret == {"merge_requests": [result.ret["merge_requests"][0]], "next_cursor": None}
    assert result.ret["merge_requests"][0]["iid"] == 1
    assert result.summary == "Listed 1 merged merge request across projects (all)"


# Search and projects


async def test_search_code_in_a_project(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/search").mock(
        return_value=httpx.Response(200, json=[{
            "basename": "README", "data": "```\n\n## Installation\n\nQuick start using the [pre-built", "path": "README.md",
            "filename": "README.md", "id": None, "ref": "main", "startline": 46, "project_id": 6}])
    )
    result = await run_action(
        catalog.action("gitlab-search"),
        {"scope": "blobs", "search": "installation", "project": PROJECT, "ref": "main"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_gitlab_request(route.calls.last.request, "GET", f"{PROJECT_API}/search",
                          {"scope": "blobs", "search": "installation", "ref": "main", "per_page": "25", "page": "1"})
    assert result.ret["results"] == [{"path": "README.md", "filename": "README.md", "ref": "main", "startline": 46,
                           "data": "```\n\n## Installation\n\nQuick start using the [pre-built", "project_id": 6}]
    assert result.summary == f"Found 1 result in blobs for 'installation' in {PROJECT}"


async def test_search_refuses_code_search_without_a_project(catalog, respx_mock):
    result = await run_action(catalog.action("gitlab-search"), {"scope": "blobs", "search": "x"}, auth=AUTH)
    assert "give `project` for code" in result.error
    assert not respx_mock.calls


async def test_search_issues_globally(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json=[_issue(6)]))
    result = await run_action(catalog.action("gitlab-search"), {"scope": "issues", "search": "file"}, auth=AUTH)
    assert result.error is None
    assert_gitlab_request(route.calls.last.request, "GET", f"{API}/search",
                          {"scope": "issues", "search": "file", "per_page": "25", "page": "1"})
    assert result.ret["results"][0]["reference"] == f"{PROJECT}#6"


async def test_list_projects_searches_the_users_projects(catalog, respx_mock):
    route = respx_mock.get(f"{API}/projects").mock(return_value=httpx.Response(200, json=[_project()]))
    result = await run_action(catalog.action("gitlab-list-projects"), {"search": "diaspora", "limit": 10}, auth=AUTH)
    assert result.error is None
    assert_gitlab_request(route.calls.last.request, "GET", f"{API}/projects", {
        "order_by": "last_activity_at", "sort": "desc", "simple": "true", "membership": "true", "search": "diaspora",
        "per_page": "10", "page": "1"})
    assert result.ret["projects"] == [{"id": 4, "path_with_namespace": "diaspora/diaspora-client", "name": "diaspora-client",
                           "description": "A Ruby client for the Diaspora API",
                           "web_url": "https://gitlab.com/diaspora/diaspora-client", "default_branch": "main",
                           "visibility": "private", "last_activity_at": "2013-09-30T13:46:02Z"}]
    assert result.summary == "Listed 1 project matching 'diaspora'"


# Repository files


async def test_download_file_saves_the_raw_bytes_under_tmp(catalog, respx_mock, tmp_path):
    content = b"%PDF-1.4\n\x00\x01binary"
    route = respx_mock.get(f"{PROJECT_API}/repository/files/docs%2Fguide.pdf/raw").mock(
        return_value=httpx.Response(200, content=content, headers={"Content-Type": "application/pdf"})
    )
    result = await run_action(
        catalog.action("gitlab-download-file"),
        {"project": PROJECT, "path": "docs/guide.pdf", "ref": "v1.2.0"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_gitlab_request(sent, "GET", f"{PROJECT_API}/repository/files/docs%2Fguide.pdf/raw", {"ref": "v1.2.0"})
    assert sent.url.raw_path.startswith(b"/api/v4/projects/gitlab-org%2Fgitlab-test/repository/files/docs%2Fguide.pdf/raw")
    assert (tmp_path / "guide.pdf").read_bytes() == content
    assert result.ret == {"filePath": "/tmp/guide.pdf", "size": len(content), "path": "docs/guide.pdf", "ref": "v1.2.0",
                          "contentType": "application/pdf"}
    assert result.summary == f"Downloaded docs/guide.pdf from {PROJECT} ({len(content)} bytes) to /tmp/guide.pdf"


async def test_upload_file_creates_a_new_file_with_base64_content(catalog, respx_mock, tmp_path):
    (tmp_path / "report.csv").write_bytes(b"name,total\nada,42\n")
    url = f"{PROJECT_API}/repository/files/reports%2F2024-06.csv"
    head = respx_mock.head(url).mock(return_value=httpx.Response(404))
    create = respx_mock.post(url).mock(
        return_value=httpx.Response(201, json={"file_path": "reports/2024-06.csv", "branch": "main"})
    )
    result = await run_action(
        catalog.action("gitlab-upload-file"),
        {"project": PROJECT, "filePath": "/tmp/report.csv", "path": "reports/2024-06.csv", "branch": "main",
         "commitMessage": "Add June report"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_gitlab_request(head.calls.last.request, "HEAD", url, {"ref": "main"})
    sent = create.calls.last.request
    assert_gitlab_request(sent, "POST", url)
    assert json.loads(sent.content) == {
        "branch": "main",
        "commit_message": "Add June report",
        "content": base64.b64encode(b"name,total\nada,42\n").decode(),
        "encoding": "base64",
    }
    assert result.ret == {"created": True, "path": "reports/2024-06.csv", "branch": "main", "size": 18}
    assert result.summary == f"Created reports/2024-06.csv on main in {PROJECT} (18 bytes)"


async def test_upload_file_updates_an_existing_file_on_a_new_branch(catalog, respx_mock, tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    url = f"{PROJECT_API}/repository/files/logo.png"
    head = respx_mock.head(url).mock(return_value=httpx.Response(200, headers={"X-Gitlab-File-Path": "logo.png"}))
    update = respx_mock.put(url).mock(return_value=httpx.Response(200, json={"file_path": "logo.png", "branch": "new-logo"}))
    result = await run_action(
        catalog.action("gitlab-upload-file"),
        {"project": PROJECT, "filePath": "/tmp/logo.png", "branch": "new-logo", "startBranch": "main",
         "commitMessage": "New logo"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_gitlab_request(head.calls.last.request, "HEAD", url, {"ref": "main"})
    assert json.loads(update.calls.last.request.content) == {
        "branch": "new-logo",
        "commit_message": "New logo",
        "content": base64.b64encode(b"\x89PNG\r\n\x1a\n").decode(),
        "encoding": "base64",
        "start_branch": "main",
    }
    assert result.ret["created"] is False
    assert result.summary == f"Updated logo.png on new-logo in {PROJECT} (8 bytes)"


async def test_upload_file_needs_a_file_in_tmp(catalog, respx_mock, tmp_path):
    result = await run_action(
        catalog.action("gitlab-upload-file"),
        {"project": PROJECT, "filePath": "/tmp/missing.txt", "branch": "main", "commitMessage": "x"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert "/tmp/missing.txt is not a file in /tmp" in result.error
    assert not respx_mock.calls


# Remote options


async def test_project_options_page_with_x_next_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/projects").mock(
        side_effect=[
            httpx.Response(200, json=[_project(4, "diaspora/diaspora-client"), _project(5, "gitlab-org/gitlab")],
                           headers={"X-Next-Page": "2"}),
            httpx.Response(200, json=[_project(6, PROJECT)], headers={"X-Next-Page": ""}),
        ]
    )
    action = catalog.action("gitlab-create-issue")
    first = await fetch_options(action, "project", {}, auth=AUTH, query="gitlab")
    assert first["errors"] == []
    assert first["stringOptions"] == ["diaspora/diaspora-client", "gitlab-org/gitlab"]
    assert first["context"] == {"page": 2}
    params = {"membership": "true", "simple": "true", "order_by": "last_activity_at", "search": "gitlab", "per_page": "100"}
    assert_gitlab_request(route.calls[0].request, "GET", f"{API}/projects", {**params, "page": "1"})
    second = await fetch_options(action, "project", {}, auth=AUTH, page=1, prev_context=first["context"], query="gitlab")
    assert second["stringOptions"] == [PROJECT]
    assert second["context"] is None
    assert_gitlab_request(route.calls[1].request, "GET", f"{API}/projects", {**params, "page": "2"})


async def test_member_label_and_branch_options_list_the_chosen_project(catalog, respx_mock):
    members = respx_mock.get(f"{PROJECT_API}/members/all").mock(
        return_value=httpx.Response(200, json=[{**_user(1, "raymond_smith", "Raymond Smith"), "access_level": 30}])
    )
    labels = respx_mock.get(f"{PROJECT_API}/labels").mock(
        return_value=httpx.Response(200, json=[{"id": 1, "name": "bug", "color": "#d9534f"}, {"id": 4, "name": "docs", "color": "#f0ad4e"}])
    )
    branches = respx_mock.get(f"{PROJECT_API}/repository/branches").mock(
        return_value=httpx.Response(200, json=[{"name": "main", "merged": False, "protected": True, "default": True}])
    )
    values = {"project": PROJECT}
    people = await fetch_options(catalog.action("gitlab-create-issue"), "assigneeIds", values, auth=AUTH)
    assert people["options"] == [{"label": "Raymond Smith (@raymond_smith)", "value": 1}]
    assert (await fetch_options(catalog.action("gitlab-create-issue"), "labels", values, auth=AUTH))["stringOptions"] == ["bug", "docs"]
    assert (await fetch_options(catalog.action("gitlab-create-merge-request"), "sourceBranch", values, auth=AUTH))["stringOptions"] == ["main"]
    for route, path in ((members, "members/all"), (labels, "labels"), (branches, "repository/branches")):
        assert_gitlab_request(route.calls.last.request, "GET", f"{PROJECT_API}/{path}", {"per_page": "100", "page": "1"})


async def test_options_ask_for_the_project_first(catalog, respx_mock):
    response = await fetch_options(catalog.action("gitlab-create-issue"), "labels", {}, auth=AUTH)
    assert response["options"] == []
    assert "choose the project first" in response["errors"][0]
    assert not respx_mock.calls


# Auth and rate limits


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.get(f"{PROJECT_API}/issues/6").mock(
        side_effect=[
            httpx.Response(401, json={"error": "invalid_token", "error_description": "Token is expired. You can either do re-authorization or token refresh."}),
            httpx.Response(200, json=_issue()),
        ]
    )
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer refreshed-token"}

    result = await run_action(catalog.action("gitlab-get-issue"), {"project": PROJECT, "issueIid": 6}, auth=AUTH,
                              on_unauthorized=refresh)
    assert result.error is None
    assert calls == [1]
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert route.calls[1].request.headers["authorization"] == "Bearer refreshed-token"
    assert result.ret["iid"] == 6


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{PROJECT_API}/issues/6").mock(
        return_value=httpx.Response(429, text="Retry later", headers={"Retry-After": "30", "RateLimit-Remaining": "0"})
    )
    result = await run_action(catalog.action("gitlab-get-issue"), {"project": PROJECT, "issueIid": 6}, auth=AUTH)
    assert result.ret is None
    assert "retry after 30 s" in result.error
    assert "Retry later" in result.error


# Account test


async def _account(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user").mock(return_value=httpx.Response(200, json={
        "id": 1, "username": "john_smith", "email": "john@example.com", "name": "John Smith", "state": "active",
        "web_url": "https://gitlab.com/john_smith"}))
    identity = await _account(catalog.apps["gitlab"], AUTH)
    assert identity == Identity(name="john_smith", external_id="1")
    assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"


async def test_account_test_fails_on_a_revoked_token(catalog, respx_mock):
    respx_mock.get(f"{API}/user").mock(return_value=httpx.Response(401, json={"message": "401 Unauthorized"}))
    with pytest.raises(UpstreamError, match="401 Unauthorized"):
        await _account(catalog.apps["gitlab"], AUTH)


def test_authorization_url_asks_for_the_api_scope_with_pkce(catalog):
    from urllib.parse import parse_qs, urlsplit

    from mcp_gateway.connect.oauth import authorization_url
    from mcp_gateway.connect.oauth_apps import OAuthClient

    client = OAuthClient("oa_test", "gitlab", None, None, "client-id", "client-secret")
    url = authorization_url(catalog.apps["gitlab"], client, redirect_uri="https://gateway.example.com/cb", state="s",
                            code_verifier="v" * 64)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://gitlab.com/oauth/authorize?")
    assert query["scope"] == ["api"]
    assert query["code_challenge_method"] == ["S256"]
