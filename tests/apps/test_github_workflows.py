"""GitHub Actions: workflows, their runs, starting and rerunning them."""

import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_github import API, AUTH, REPO, _link, _repo, _user, assert_github_request


def _workflow(workflow_id=161335, name="CI", path=".github/workflows/blank.yaml"):
    return {
        "id": workflow_id,
        "node_id": "MDg6V29ya2Zsb3cxNjEzMzU=",
        "name": name,
        "path": path,
        "state": "active",
        "created_at": "2020-01-08T23:48:37.000-08:00",
        "updated_at": "2020-01-08T23:50:21.000-08:00",
        "url": f"{API}/repos/{REPO}/actions/workflows/{workflow_id}",
        "html_url": f"https://github.com/{REPO}/blob/master/{path}",
        "badge_url": f"https://github.com/{REPO}/workflows/{name}/badge.svg",
    }


def _run(run_id=30433642, status="completed", conclusion="failure"):
    return {
        "id": run_id,
        "name": "Build",
        "node_id": "MDEyOldvcmtmbG93IFJ1bjI2OTI4OQ==",
        "check_suite_id": 42,
        "head_branch": "master",
        "head_sha": "acb5820ced9479c074f688cc328bf03f341a511d",
        "path": ".github/workflows/build.yml@main",
        "run_number": 562,
        "run_attempt": 1,
        "event": "push",
        "display_title": "Update README.md",
        "status": status,
        "conclusion": conclusion,
        "workflow_id": 159038,
        "url": f"{API}/repos/{REPO}/actions/runs/{run_id}",
        "html_url": f"https://github.com/{REPO}/actions/runs/{run_id}",
        "pull_requests": [],
        "created_at": "2020-01-22T19:33:08Z",
        "updated_at": "2020-01-22T19:33:08Z",
        "actor": _user("octocat", 1),
        "triggering_actor": _user("octocat", 1),
        "run_started_at": "2020-01-22T19:33:08Z",
    }


async def test_list_workflows(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/actions/workflows"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json={"total_count": 2, "workflows": [_workflow(), _workflow(269289, "Linter", ".github/workflows/linter.yaml")]}))
    result = await run_action(catalog.action("github-list-workflows"), {"repoFullname": REPO}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"per_page": "25", "page": "1"})
    assert result.ret["total_count"] == 2
    assert [(w["id"], w["path"], w["state"]) for w in result.ret["workflows"]] == [
        (161335, ".github/workflows/blank.yaml", "active"), (269289, ".github/workflows/linter.yaml", "active"),
    ]
    assert result.ret["next_cursor"] is None
    assert result.summary == f"Listed 2 workflows of {REPO}"


async def test_list_workflow_runs_of_one_workflow_with_filters(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/actions/workflows/ci.yml/runs"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json={"total_count": 40, "workflow_runs": [_run(), _run(30433643)]}, headers=_link(url, 2))
    )
    result = await run_action(
        catalog.action("github-list-workflow-runs"),
        {"repoFullname": REPO, "workflowId": "ci.yml", "branch": "master", "status": "failure", "created": ">=2020-01-01", "limit": 2},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url,
                          {"branch": "master", "status": "failure", "created": ">=2020-01-01", "per_page": "2", "page": "1"})
    run = result.ret["workflow_runs"][0]
    assert (run["id"], run["status"], run["conclusion"], run["actor"]) == (30433642, "completed", "failure", "octocat")
    assert result.ret["total_count"] == 40
    assert result.ret["next_cursor"] == "2"
    assert result.summary == f"Listed 2 workflow runs of workflow ci.yml in {REPO}"


async def test_list_workflow_runs_of_the_whole_repository(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/actions/runs"
    route = respx_mock.get(url).mock(return_value=httpx.Response(200, json={"total_count": 1, "workflow_runs": [_run()]}))
    result = await run_action(catalog.action("github-list-workflow-runs"), {"repoFullname": REPO, "event": "push"}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "GET", url, {"event": "push", "per_page": "25", "page": "1"})
    assert result.summary == f"Listed 1 workflow run in {REPO}"


async def test_trigger_workflow_on_the_default_branch_with_inputs(catalog, respx_mock):
    repo = respx_mock.get(f"{API}/repos/{REPO}").mock(return_value=httpx.Response(200, json=_repo(REPO)))
    url = f"{API}/repos/{REPO}/actions/workflows/161335/dispatches"
    route = respx_mock.post(url).mock(return_value=httpx.Response(204))
    result = await run_action(
        catalog.action("github-trigger-workflow"),
        {"repoFullname": REPO, "workflowId": "161335", "inputs": {"name": "Mona the Octocat", "home": "San Francisco, CA"}},
        auth=AUTH,
    )
    assert result.error is None
    assert_github_request(repo.calls.last.request, "GET", f"{API}/repos/{REPO}")
    assert_github_request(route.calls.last.request, "POST", url)
    assert json.loads(route.calls.last.request.content) == {"ref": "master", "inputs": {"name": "Mona the Octocat", "home": "San Francisco, CA"}}
    assert result.ret == {"triggered": True, "workflow": "161335", "ref": "master"}
    assert result.summary == f"Triggered workflow 161335 on master in {REPO}"


async def test_trigger_workflow_without_a_dispatch_trigger_says_so(catalog, respx_mock):
    respx_mock.post(f"{API}/repos/{REPO}/actions/workflows/ci.yml/dispatches").mock(
        return_value=httpx.Response(422, json={"message": "Workflow does not have 'workflow_dispatch' trigger", "documentation_url": "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event"})
    )
    result = await run_action(catalog.action("github-trigger-workflow"), {"repoFullname": REPO, "workflowId": "ci.yml", "ref": "main"}, auth=AUTH)
    assert "does not have 'workflow_dispatch' trigger" in result.error


async def test_rerun_workflow_run_all_jobs(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/actions/runs/30433642/rerun"
    route = respx_mock.post(url).mock(return_value=httpx.Response(201, json={}))
    result = await run_action(catalog.action("github-rerun-workflow-run"), {"repoFullname": REPO, "runId": 30433642}, auth=AUTH)
    assert result.error is None
    assert_github_request(route.calls.last.request, "POST", url)
    assert route.calls.last.request.content == b""
    assert result.ret == {"rerun_requested": True, "run_id": 30433642, "only_failed_jobs": False}
    assert result.summary == f"Started a rerun of workflow run 30433642 in {REPO}"


async def test_rerun_only_failed_jobs_with_debug_logging(catalog, respx_mock):
    url = f"{API}/repos/{REPO}/actions/runs/30433642/rerun-failed-jobs"
    route = respx_mock.post(url).mock(return_value=httpx.Response(201, json={}))
    result = await run_action(
        catalog.action("github-rerun-workflow-run"),
        {"repoFullname": REPO, "runId": 30433642, "onlyFailedJobs": True, "enableDebugLogging": True},
        auth=AUTH,
    )
    assert result.error is None
    assert json.loads(route.calls.last.request.content) == {"enable_debug_logging": True}
    assert result.summary == f"Started a rerun of the failed jobs of workflow run 30433642 in {REPO}"


async def test_workflow_and_run_options(catalog, respx_mock):
    workflows = respx_mock.get(f"{API}/repos/{REPO}/actions/workflows").mock(
        return_value=httpx.Response(200, json={"total_count": 1, "workflows": [_workflow()]}, headers=_link(f"{API}/repos/{REPO}/actions/workflows", 2))
    )
    runs = respx_mock.get(f"{API}/repos/{REPO}/actions/runs").mock(return_value=httpx.Response(200, json={"total_count": 1, "workflow_runs": [_run()]}))
    values = {"repoFullname": REPO}
    listed = await fetch_options(catalog.action("github-trigger-workflow"), "workflowId", values, auth=AUTH)
    assert listed["options"] == [{"label": "CI (.github/workflows/blank.yaml)", "value": "161335"}]
    assert listed["context"] == {"page": 2}
    assert_github_request(workflows.calls.last.request, "GET", f"{API}/repos/{REPO}/actions/workflows", {"per_page": "100", "page": "1"})
    chosen = await fetch_options(catalog.action("github-rerun-workflow-run"), "runId", values, auth=AUTH)
    assert chosen["options"] == [{"label": "Build #562 on master (failure)", "value": 30433642}]
    assert_github_request(runs.calls.last.request, "GET", f"{API}/repos/{REPO}/actions/runs", {"per_page": "100", "page": "1"})
