"""Tool calls use the caller's own account; credentials stay encrypted; every run is recorded."""

from __future__ import annotations

import httpx
import pytest
from mcp import Client

from tests.e2e.test_mcp_transports import streamable

pytestmark = pytest.mark.both_databases

TOKEN_A = "gho_user_a_secret_token_value"
TOKEN_B = "gho_user_b_secret_token_value"
REPO = {"id": 1296269, "full_name": "octocat/Hello-World", "private": False, "html_url": "https://github.com/octocat/Hello-World",
        "description": "This your first repo!", "default_branch": "main", "stargazers_count": 80, "forks_count": 9, "open_issues_count": 0}


@pytest.fixture(scope="module")
def accounts(server, project):
    a = server.add_account(project["project_id"], "alice", "github", {"oauth_access_token": TOKEN_A})
    b = server.add_account(project["project_id"], "bob", "github", {"oauth_access_token": TOKEN_B})
    return {"alice": a, "bob": b}


@pytest.fixture(scope="module")
def github_client(server):
    """The operator's OAuth client for GitHub: without one no link is offered (test_unconfigured_oauth)."""
    return server.call(server.gateway.oauth_apps.add("github", "Iv1.runs", "runs-client-secret"))


def headers_for(project, user, **extra):
    return {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
            "x-pd-environment": "development", "x-pd-external-user-id": user, "x-pd-app-slug": "github", **extra}


async def test_each_user_calls_with_their_own_credentials(server, project, accounts, respx_mock):
    route = respx_mock.get("https://api.github.com/repos/octocat/Hello-World").mock(return_value=httpx.Response(200, json=REPO))
    for user, token in (("alice", TOKEN_A), ("bob", TOKEN_B)):
        async with Client(streamable(server.url + "/", headers_for(project, user)), mode="2026-07-28") as client:
            result = await client.call_tool("github-get-repository", {"repoFullname": "octocat/Hello-World"})
            assert result.is_error is False, result.content[0].text
            assert route.calls.last.request.headers["authorization"] == f"Bearer {token}"
            assert TOKEN_A not in result.content[0].text and TOKEN_B not in str(result.structured_content)


async def test_account_id_parameter_selects_an_account_and_is_checked(server, project, accounts, respx_mock):
    route = respx_mock.get("https://api.github.com/repos/octocat/Hello-World").mock(return_value=httpx.Response(200, json=REPO))
    async with Client(streamable(server.url + "/", headers_for(project, "alice", **{"x-pd-account-id": accounts["alice"]})), mode="legacy") as client:
        ok = await client.call_tool("github-get-repository", {"repoFullname": "octocat/Hello-World"})
        assert ok.is_error is False
        assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN_A}"
    # Alice cannot borrow Bob's account by naming it.
    async with Client(streamable(server.url + "/", headers_for(project, "alice", **{"x-pd-account-id": accounts["bob"]})), mode="legacy") as client:
        denied = await client.call_tool("github-get-repository", {"repoFullname": "octocat/Hello-World"})
        assert denied.is_error is True
        assert "is not a github account of user 'alice'" in denied.content[0].text
        assert route.call_count == 1


def connect_link_of(result, server) -> dict:
    """The Connect Link a result offers, checked against the gateway's token validation."""
    assert result.is_error is False
    url = result.meta["mcp-gateway/accountRequired"]["connectLinkUrl"]
    assert url in result.content[0].text
    assert url.startswith(server.url + "/_static/connect.html?token=ctok_")
    assert "app=github" in url
    token = httpx.URL(url).params["token"]
    validation = httpx.get(f"{server.url}/v1/connect/tokens/{token}/validate", params={"app_id": "github"})
    return validation.json()


async def test_user_without_account_gets_a_connect_link(server, project, accounts, github_client, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    async with Client(streamable(server.url + "/", headers_for(project, "carol")), mode="legacy") as client:
        result = await client.call_tool("github-get-repository", {"repoFullname": "octocat/Hello-World"})
    assert "no connected GitHub account" in result.content[0].text
    validated = connect_link_of(result, server)
    assert validated["success"] is True
    assert validated["project_id"] == project["project_id"]
    assert validated["project_environment"] == "development"
    assert validated["app"]["name_slug"] == "github"
    assert not [c for c in respx_mock.calls if c.request.url.host != "127.0.0.1"]


async def test_production_does_not_see_development_accounts(server, project, accounts, github_client, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    async with Client(streamable(server.url + "/", headers_for(project, "alice", **{"x-pd-environment": "production"})), mode="legacy") as client:
        result = await client.call_tool("github-get-repository", {"repoFullname": "octocat/Hello-World"})
    assert "no connected GitHub account" in result.content[0].text
    assert connect_link_of(result, server)["project_environment"] == "production"


async def test_upstream_errors_become_error_results_with_a_hint(server, project, accounts, respx_mock):
    respx_mock.get("https://api.github.com/repos/octocat/gone").mock(
        return_value=httpx.Response(404, json={"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}))
    async with Client(streamable(server.url + "/", headers_for(project, "alice")), mode="legacy") as client:
        result = await client.call_tool("github-get-repository", {"repoFullname": "octocat/gone"})
    assert result.is_error is True
    text = result.content[0].text
    assert "404" in text and "Not Found" in text and "check the repository" in text


async def test_an_upstream_error_quoting_a_nul_character_is_recorded(server, project, accounts, respx_mock):
    """JSON may carry a NUL that PostgreSQL cannot keep in text: the run record shows it as U+FFFD."""
    respx_mock.get("https://api.github.com/repos/octocat/nul").mock(return_value=httpx.Response(404, json={"message": "Not\u0000Found"}))
    async with Client(streamable(server.url + "/", headers_for(project, "bob")), mode="legacy") as client:
        result = await client.call_tool("github-get-repository", {"repoFullname": "octocat/nul"})
    assert result.is_error is True and "Not\x00Found" in result.content[0].text
    server.call(server.gateway.runtime.runlog.flush())
    [(error,)] = server.execute("select error from action_runs where external_user_id = 'bob' and not ok")
    assert "Not\ufffdFound" in error


async def test_runs_are_recorded_without_values_and_credentials_are_encrypted(server, project, accounts, respx_mock):
    respx_mock.get("https://api.github.com/repos/octocat/Hello-World").mock(return_value=httpx.Response(200, json=REPO))
    async with Client(streamable(server.url + "/", headers_for(project, "alice")), mode="legacy") as client:
        await client.call_tool("github-get-repository", {"repoFullname": "octocat/Hello-World"})
    server.call(server.gateway.runtime.runlog.flush())
    runs = server.execute("select action_key, ok, account_id, via from action_runs where external_user_id = 'alice' and ok")
    assert ("github-get-repository", True, accounts["alice"], "mcp") in runs
    stored = server.stored_text()
    for secret in (TOKEN_A, TOKEN_B, project["client_secret"]):
        assert secret not in stored
    [(credentials,)] = server.execute("select credentials from accounts where id = :id", id=accounts["alice"])
    assert credentials.startswith("v1.")
