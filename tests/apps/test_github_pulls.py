"""GitHub pull requests: listing, reading, opening, changing, merging, files, reviews and reviewers."""

import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_github import API, AUTH, REPO, _link, _user, assert_github_request

HEAD_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e"


def _branch_ref(ref, sha=HEAD_SHA):
    return {
        "label": f"octocat:{ref}",
        "ref": ref,
        "sha": sha,
        "user": _user("octocat", 1),
        "repo": {"id": 1296269, "name": "Hello-World", "full_name": REPO, "owner": _user("octocat", 1), "private": False},
    }


def _pull(number=1347, *, title="Amazing new feature", state="open", head="new-topic", base="master", full=True, merged=False):
    pull = {
        "url": f"{API}/repos/{REPO}/pulls/{number}",
        "id": 1,
        "node_id": "MDExOlB1bGxSZXF1ZXN0MQ==",
        "html_url": f"https://github.com/{REPO}/pull/{number}",
        "diff_url": f"https://github.com/{REPO}/pull/{number}.diff",
        "issue_url": f"{API}/repos/{REPO}/issues/{number}",
        "number": number,
        "state": state,
        "locked": False,
        "title": title,
        "user": _user("octocat", 1),
        "body": "Please pull these awesome changes in!",
        "labels": [{"id": 208045946, "name": "bug", "color": "f29513", "default": True}],
        "milestone": None,
        "created_at": "2011-01-26T19:01:12Z",
        "updated_at": "2011-01-26T19:01:12Z",
        "closed_at": None,
        "merged_at": "2011-01-26T19:01:12Z" if merged else None,
        "merge_commit_sha": "e5bd3914e2e596debea16f433f57875b5b90bcd6",
        "assignee": _user("octocat", 1),
        "assignees": [_user("octocat", 1)],
        "requested_reviewers": [_user("other_user", 2)],
        "requested_teams": [],
        "head": _branch_ref(head),
        "base": _branch_ref(base, "7638417db6d59f3c431d3e1f261cc637155684cd"),
        "author_association": "OWNER",
        "auto_merge": None,
        "draft": False,
    }
    if full:
        pull.update({
            "merged": merged, "mergeable": True, "rebaseable": True, "mergeable_state": "clean", "merged_by": None,
            "comments": 10, "review_comments": 0, "maintainer_can_modify": True, "commits": 3, "additions": 100,
            "deletions": 3, "changed_files": 5,
        })
    return pull


def _review(review_id=80, state="APPROVED", body="Here is the body for the review."):
    return {
        "id": review_id,
        "node_id": "MDE3OlB1bGxSZXF1ZXN0UmV2aWV3ODA=",
        "user": _user("octocat", 1),
        "body": body,
        "state": state,
        "html_url": f"https://github.com/{REPO}/pull/12#pullrequestreview-{review_id}",
        "pull_request_url": f"{API}/repos/{REPO}/pulls/12",
        "submitted_at": "2019-11-17T17:43:43Z",
        "commit_id": "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091",
        "author_association": "COLLABORATOR",
    }


def _review_comment(comment_id=10, **changes):
    comment = {
        "url": f"{API}/repos/{REPO}/pulls/comments/{comment_id}",
        "pull_request_review_id": 42,
        "id": comment_id,
        "node_id": "MDI0OlB1bGxSZXF1ZXN0UmV2aWV3Q29tbWVudDEw",
        "diff_hunk": "@@ -16,33 +16,40 @@ public class Connection : IConnection...",
        "path": "file1.txt",
        "position": 1,
        "original_position": 4,
        "commit_id": HEAD_SHA,
        "original_commit_id": "9c48853fa3dc5c1c3d6f1f1cd1f2743e72652840",
        "in_reply_to_id": 8,
        "user": _user("octocat", 1),
        "body": "Great stuff!",
        "created_at": "2011-04-14T16:00:49Z",
        "updated_at": "2011-04-14T16:00:49Z",
        "html_url": f"https://github.com/{REPO}/pull/1#discussion-diff-{comment_id}",
        "author_association": "NONE",
        "start_line": 1,
        "original_start_line": 1,
        "start_side": "RIGHT",
        "line": 2,
        "original_line": 2,
        "side": "RIGHT",
    }
    comment.update(changes)
    return comment


async def test_list_pull_requests_filters_by_state_and_base(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json=[_pull(1347, full=False), _pull(1346, full=False)], headers=_link(url, 2))
    )
    result = await run_action(
        catalog.action("github-list-pull-requests"),
        {"repoFullname": REPO, "state": "closed", "base": "master", "sort": "updated", "direction": "desc", "limit": 2},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(
        route.calls.last.request, "GET", url,
        {"state": "closed", "base": "master", "sort": "updated", "direction": "desc", "per_page": "2", "page": "1"},
    )
    first = result.ret["pull_requests"][0]
    assert first["number"] == 1347
    assert first["head"] == "new-topic" and first["base"] == "master" and first["head_sha"] == HEAD_SHA
    assert first["requested_reviewers"] == ["other_user"]
    assert first["merged"] is False
    assert "mergeable" not in first
    assert result.ret["next_cursor"] == "2"
    assert result.summary == f"Listed 2 closed pull requests of {REPO}"


async def test_get_pull_request_includes_mergeability(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/1347"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=_pull()))
    result = await run_action(catalog.action("github-get-pull-request"), {"repoFullname": REPO, "pullNumber": 1347}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url)
    assert result.ret["mergeable"] is True
    assert result.ret["mergeable_state"] == "clean"
    assert result.ret["changed_files"] == 5
    assert result.summary == f"Retrieved pull request #1347 of {REPO}: Amazing new feature"


async def test_create_pull_request_posts_head_base_and_draft(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls"
    route = respx_mock.post(url).mock(return_value=httpx.Response(201, json=_pull()))
    result = await run_action(
        catalog.action("github-create-pull-request"),
        {"repoFullname": REPO, "head": "new-topic", "base": "master", "title": "Amazing new feature",
         "body": "Please pull these awesome changes in!", "draft": True, "maintainerCanModify": False},
        auth=AUTH,
    )
    assert result.error is None
    sent = route.calls.last.request
    assert_github_request(sent, "POST", url)
    assert json.loads(sent.content) == {
        "title": "Amazing new feature", "head": "new-topic", "base": "master",
        "body": "Please pull these awesome changes in!", "draft": True, "maintainer_can_modify": False,
    }
    assert result.ret["number"] == 1347
    assert result.summary == f"Opened pull request #1347 in {REPO} (new-topic into master)"


async def test_create_pull_request_refuses_the_same_head_and_base(catalog, respx_mock):
    result = await run_action(
        catalog.action("github-create-pull-request"), {"repoFullname": REPO, "head": "main", "base": "main", "title": "x"}, auth=AUTH
    )
    assert "same branch" in result.error
    assert not respx_mock.calls


async def test_update_pull_request_closes_and_retitles(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/1347"
    route = respx_mock.patch(url).mock(return_value=httpx.Response(200, json=_pull(title="New title", state="closed")))
    result = await run_action(
        catalog.action("github-update-pull-request"),
        {"repoFullname": REPO, "pullNumber": 1347, "title": "New title", "state": "closed"},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "PATCH", url)
    assert json.loads(route.calls.last.request.content) == {"title": "New title", "state": "closed"}
    assert result.ret["state"] == "closed"
    assert result.summary == f"Updated title, state of pull request #1347 in {REPO} (now closed)"


async def test_update_pull_request_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("github-update-pull-request"), {"repoFullname": REPO, "pullNumber": 1}, auth=AUTH)
    assert "nothing to change" in result.error
    assert not respx_mock.calls


async def test_merge_pull_request_squashes_at_the_expected_head(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/1347/merge"
    route = respx_mock.put(url).mock(
        return_value=httpx.Response(200, json={"sha": HEAD_SHA, "merged": True, "message": "Pull Request successfully merged"})
    )
    result = await run_action(
        catalog.action("github-merge-pull-request"),
        {"repoFullname": REPO, "pullNumber": 1347, "mergeMethod": "squash", "commitTitle": "Add feature (#1347)", "sha": HEAD_SHA},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "PUT", url)
    assert json.loads(route.calls.last.request.content) == {"commit_title": "Add feature (#1347)", "sha": HEAD_SHA, "merge_method": "squash"}
    assert result.ret == {"merged": True, "sha": HEAD_SHA, "message": "Pull Request successfully merged"}
    assert result.summary == f"Merged pull request #1347 in {REPO} (commit 6dcb09b)"


async def test_merge_pull_request_reports_a_moved_head(catalog, respx_mock):
    respx_mock.put(f"{API}/repos/{REPO}/pulls/1347/merge").mock(
        return_value=httpx.Response(409, json={"message": "Head branch was modified. Review and try the merge again.", "documentation_url": "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request"})
    )
    result = await run_action(catalog.action("github-merge-pull-request"), {"repoFullname": REPO, "pullNumber": 1347, "sha": HEAD_SHA}, auth=AUTH)
    assert "Head branch was modified" in result.error
    assert "read the current state" in result.error


async def test_merge_pull_request_that_cannot_be_merged_says_why(catalog, respx_mock):
    respx_mock.put(f"{API}/repos/{REPO}/pulls/1347/merge").mock(
        return_value=httpx.Response(405, json={"message": "Pull Request is not mergeable", "documentation_url": "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request"})
    )
    result = await run_action(catalog.action("github-merge-pull-request"), {"repoFullname": REPO, "pullNumber": 1347}, auth=AUTH)
    assert "Pull Request is not mergeable" in result.error
    assert "mergeable_state" in result.error


async def test_list_pull_request_files_returns_patches(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/1347/files"
    file = {
        "sha": "bbcd538c8e72b8c175046e27cc8f907076331401",
        "filename": "file1.txt",
        "status": "added",
        "additions": 103,
        "deletions": 21,
        "changes": 124,
        "blob_url": f"https://github.com/{REPO}/blob/{HEAD_SHA}/file1.txt",
        "raw_url": f"https://github.com/{REPO}/raw/{HEAD_SHA}/file1.txt",
        "contents_url": f"{API}/repos/{REPO}/contents/file1.txt?ref={HEAD_SHA}",
        "patch": "@@ -132,7 +132,7 @@ module Test @@ -1000,7 +1000,7 @@ module Test",
    }
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[file]))
    result = await run_action(catalog.action("github-list-pull-request-files"), {"repoFullname": REPO, "pullNumber": 1347, "limit": 50}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"per_page": "50", "page": "1"})
    assert result.ret["files"] == [{
        "filename": "file1.txt", "status": "added", "additions": 103, "deletions": 21, "changes": 124,
        "previous_filename": None, "patch": file["patch"], "sha": file["sha"], "blob_url": file["blob_url"],
    }]
    assert result.summary == f"Listed 1 changed file of pull request #1347 in {REPO}"


async def test_list_pull_request_reviews(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/12/reviews"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[_review()]))
    result = await run_action(catalog.action("github-list-pull-request-reviews"), {"repoFullname": REPO, "pullNumber": 12}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"per_page": "25", "page": "1"})
    assert result.ret["reviews"] == [{
        "id": 80, "user": "octocat", "state": "APPROVED", "body": "Here is the body for the review.",
        "commit_id": "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091",
        "html_url": f"https://github.com/{REPO}/pull/12#pullrequestreview-80", "submitted_at": "2019-11-17T17:43:43Z",
    }]
    assert result.summary == f"Listed 1 review of pull request #12 in {REPO}"


async def test_create_pull_request_review_with_line_comments(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/12/reviews"
    route = respx_mock.post(url).mock(return_value=httpx.Response(200, json=_review(state="CHANGES_REQUESTED", body="Please fix")))
    comments = [{"path": "file.md", "line": 6, "body": "Please add more information here."}]
    result = await run_action(
        catalog.action("github-create-pull-request-review"),
        {"repoFullname": REPO, "pullNumber": 12, "event": "REQUEST_CHANGES", "body": "Please fix", "comments": comments},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "POST", url)
    assert json.loads(route.calls.last.request.content) == {"body": "Please fix", "event": "REQUEST_CHANGES", "comments": comments}
    assert result.ret["state"] == "CHANGES_REQUESTED"
    assert result.summary == f"Reviewed pull request #12 in {REPO} (CHANGES_REQUESTED)"


async def test_create_pull_request_review_needs_a_body_to_request_changes(catalog, respx_mock):
    result = await run_action(
        catalog.action("github-create-pull-request-review"), {"repoFullname": REPO, "pullNumber": 12, "event": "REQUEST_CHANGES"}, auth=AUTH
    )
    assert "needs a body" in result.error
    assert not respx_mock.calls


async def test_list_pull_request_review_comments(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/1/comments"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json=[_review_comment()]))
    result = await run_action(
        catalog.action("github-list-pull-request-review-comments"),
        {"repoFullname": REPO, "pullNumber": 1, "sort": "updated", "direction": "asc"},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"sort": "updated", "direction": "asc", "per_page": "25", "page": "1"})
    comment = result.ret["comments"][0]
    assert (comment["path"], comment["line"], comment["side"], comment["in_reply_to_id"]) == ("file1.txt", 2, "RIGHT", 8)
    assert "diff_hunk" not in comment
    assert result.summary == f"Listed 1 review comment of pull request #1 in {REPO}"


async def test_create_review_comment_reads_the_head_commit_when_none_is_given(catalog, respx_mock):
    pull = respx_mock.get(f"{API}/repos/{REPO}/pulls/1").mock(return_value=httpx.Response(200, json=_pull(1)))
    url = f"{API}/repos/{REPO}/pulls/1/comments"
    route = respx_mock.post(url).mock(return_value=httpx.Response(201, json=_review_comment(start_line=None, original_start_line=None)))
    result = await run_action(
        catalog.action("github-create-pull-request-review-comment"),
        {"repoFullname": REPO, "pullNumber": 1, "body": "Great stuff!", "path": "file1.txt", "line": 2, "side": "RIGHT"},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(pull.calls.last.request, "GET", f"{API}/repos/{REPO}/pulls/1")
    assert_github_request(route.calls.last.request, "POST", url)
    assert json.loads(route.calls.last.request.content) == {
        "body": "Great stuff!", "commit_id": HEAD_SHA, "path": "file1.txt", "line": 2, "side": "RIGHT",
    }
    assert result.ret["id"] == 10
    assert result.summary == f"Commented on file1.txt:2 of pull request #1 in {REPO}"


async def test_create_review_comment_replies_to_a_comment(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/1/comments/10/replies"
    route = respx_mock.post(url).mock(return_value=httpx.Response(201, json=_review_comment(11, in_reply_to_id=10, body="Thanks")))
    result = await run_action(
        catalog.action("github-create-pull-request-review-comment"),
        {"repoFullname": REPO, "pullNumber": 1, "body": "Thanks", "inReplyTo": 10},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "POST", url)
    assert json.loads(route.calls.last.request.content) == {"body": "Thanks"}
    assert result.ret["in_reply_to_id"] == 10


async def test_create_review_comment_needs_a_place(catalog, respx_mock):
    result = await run_action(
        catalog.action("github-create-pull-request-review-comment"), {"repoFullname": REPO, "pullNumber": 1, "body": "x"}, auth=AUTH
    )
    assert "path and line" in result.error
    assert not respx_mock.calls


async def test_request_reviewers_posts_people_and_teams(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/pulls/1347/requested_reviewers"
    route = respx_mock.post(url).mock(return_value=httpx.Response(201, json=_pull(full=False)))
    result = await run_action(
        catalog.action("github-request-reviewers"),
        {"repoFullname": REPO, "pullNumber": 1347, "reviewers": ["other_user"], "teamReviewers": ["justice-league"]},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "POST", url)
    assert json.loads(route.calls.last.request.content) == {"reviewers": ["other_user"], "team_reviewers": ["justice-league"]}
    assert result.ret["requested_reviewers"] == ["other_user"]
    assert result.summary == f"Requested reviews from other_user, justice-league on pull request #1347 in {REPO}"


async def test_pull_number_and_reviewer_options(catalog, respx_mock):
    pulls = respx_mock.get(f"{API}/repos/{REPO}/pulls").mock(return_value=httpx.Response(200, json=[_pull(1347, full=False)]))
    people = respx_mock.get(f"{API}/repos/{REPO}/collaborators").mock(
        return_value=httpx.Response(200, json=[{**_user("octocat", 1), "permissions": {"pull": True, "triage": True, "push": True, "maintain": False, "admin": False}, "role_name": "write"}])
    )
    action = catalog.action("github-request-reviewers")
    numbers = await fetch_options(action, "pullNumber", {"repoFullname": REPO}, auth=AUTH)
    assert numbers["options"] == [{"label": "#1347 Amazing new feature", "value": 1347}]
    assert_github_request(pulls.calls.last.request, "GET", f"{API}/repos/{REPO}/pulls",
                          {"state": "open", "sort": "updated", "direction": "desc", "per_page": "100", "page": "1"})
    logins = await fetch_options(action, "reviewers", {"repoFullname": REPO}, auth=AUTH)
    assert logins["stringOptions"] == ["octocat"]
    assert_github_request(people.calls.last.request, "GET", f"{API}/repos/{REPO}/collaborators", {"per_page": "100", "page": "1"})
