"""Project API keys against a real gateway: made by the CLI and by REST, used as the only
credential of a static MCP config and on REST, bound to one user and some apps, revoked; and
client-credentials tokens living as long as asked, up to the maximum."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest
from mcp import Client

from tests.e2e.test_mcp_transports import ECHO_URL, streamable

pytestmark = pytest.mark.both_databases

INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}


def developer(project) -> dict[str, str]:
    return {"Authorization": f"Bearer {project['token']}"}


def create_key(server, project, **body) -> dict:
    response = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/keys", json=body, headers=developer(project))
    assert response.status_code == 200, response.text
    return response.json()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def list_and_call(server, headers: dict[str, str], respx_mock) -> list[str]:
    route = respx_mock.get(ECHO_URL).mock(return_value=httpx.Response(200, json={"echo": "hi"}))
    async with Client(streamable(server.url + "/mcp", headers), mode="legacy") as client:
        names = [tool.name for tool in (await client.list_tools()).tools]
        result = await client.call_tool("http-send-request", {"url": ECHO_URL})
    assert result.is_error is False and result.structured_content["ret"]["body"] == {"echo": "hi"}
    assert route.called
    return names


async def test_a_bound_key_is_the_whole_static_config(server, project, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    created = create_key(server, project, environment="development", external_user_id="cursor-user", apps=["http"],
                         name="cursor")
    assert created["key"].startswith("mgk_") and created["id"].startswith("key_")
    assert created["external_user_id"] == "cursor-user" and created["apps"] == ["http"] and created["last_used_at"] is None
    # No parameter headers: the key says project, environment, user and apps.
    names = await list_and_call(server, bearer(created["key"]), respx_mock)
    assert sorted(names) == ["http-download-file", "http-send-request"]
    server.call(server.gateway.runtime.runlog.flush())
    runs = server.execute("SELECT external_user_id FROM action_runs WHERE action_key = 'http-send-request'")
    assert ("cursor-user",) in runs
    listed = httpx.get(f"{server.url}/v1/connect/{project['project_id']}/keys", headers=developer(project)).json()["data"]
    mine = next(k for k in listed if k["id"] == created["id"])
    assert mine["last_used_at"] is not None and "key" not in mine
    # Kept as a hash only.
    assert created["key"] not in server.stored_text()


async def test_a_bound_key_cannot_act_for_another_user_or_app(server, project, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    key = create_key(server, project, environment="development", external_user_id="alice", apps=["http"])["key"]
    headers = {**bearer(key), "x-pd-external-user-id": "bob"}
    other_user = httpx.post(server.url + "/mcp", headers={**headers, "Accept": "application/json, text/event-stream"},
                            json=INITIALIZE)
    assert other_user.status_code == 403
    assert "bound to external user 'alice' and cannot act for 'bob'" in other_user.json()["error"]["message"]
    path_form = httpx.post(server.url + "/bob/http", headers={**bearer(key), "Accept": "application/json, text/event-stream"},
                           json=INITIALIZE)  # the path form names bob too
    assert path_form.status_code == 403 and "cannot act for 'bob'" in path_form.text
    other_app = httpx.post(server.url + "/mcp", headers={**bearer(key), "x-pd-app-slug": "slack",
                                                          "Accept": "application/json, text/event-stream"},
                           json=INITIALIZE)
    assert other_app.status_code == 403 and "limited to the apps http; slack is not among them" in other_app.text
    production = httpx.post(server.url + "/mcp", headers={**bearer(key), "x-pd-environment": "production",
                                                           "Accept": "application/json, text/event-stream"},
                            json=INITIALIZE)
    assert production.status_code == 403 and "for the development environment, not production" in production.text

    # REST: alice's accounts yes, bob's or everyone's no.
    rest = {**bearer(key), "x-pd-environment": "development"}
    accounts = f"{server.url}/v1/connect/{project['project_id']}/accounts"
    assert httpx.get(accounts, params={"external_user_id": "alice"}, headers=rest).status_code == 200
    bob = httpx.get(accounts, params={"external_user_id": "bob"}, headers=rest)
    assert bob.status_code == 403 and "cannot act for 'bob'" in bob.json()["error"]
    everyone = httpx.get(accounts, headers=rest)
    assert everyone.status_code == 403 and "only endpoints that name that user" in everyone.json()["error"]


async def test_a_project_key_works_on_rest_and_mcp_until_revoked(server, project, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    created = create_key(server, project, environment="development")
    key = created["key"]
    rest = {**bearer(key), "x-pd-environment": "development"}
    accounts = f"{server.url}/v1/connect/{project['project_id']}/accounts"
    assert httpx.get(accounts, headers=rest).status_code == 200
    # An unbound key needs the user and app, as a developer token does.
    await list_and_call(server, {**bearer(key), "x-pd-external-user-id": "u1", "x-pd-app-slug": "http"}, respx_mock)
    # A key cannot make or see keys.
    for method in ("POST", "GET"):
        minted = httpx.request(method, f"{server.url}/v1/connect/{project['project_id']}/keys",
                               json={"environment": "development"}, headers=bearer(key))
        assert minted.status_code == 403 and "developer access token" in minted.json()["error"]
    other_project = server.create_project("another")
    foreign = httpx.get(f"{server.url}/v1/connect/{other_project['project_id']}/accounts", headers=rest)
    assert foreign.status_code == 403 and f"belongs to project {project['project_id']}" in foreign.json()["error"]

    revoked = httpx.delete(f"{server.url}/v1/connect/{project['project_id']}/keys/{created['id']}", headers=developer(project))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    refused = httpx.get(accounts, headers=rest)
    assert refused.status_code == 401 and f"API key {created['id']} was revoked" in refused.json()["error"]
    mcp = httpx.post(server.url + "/mcp", headers={**bearer(key), "x-pd-external-user-id": "u1", "x-pd-app-slug": "http",
                                                  "Accept": "application/json, text/event-stream"},
                     json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert mcp.status_code == 401 and "revoked" in mcp.text and "www-authenticate" in mcp.headers
    missing = httpx.delete(f"{server.url}/v1/connect/{project['project_id']}/keys/key_nope", headers=developer(project))
    assert missing.status_code == 404 and "has no API key key_nope" in missing.json()["error"]


async def test_a_url_key_is_the_whole_config_of_a_url_only_client(server, project, respx_mock, caplog):
    respx_mock.route(host="127.0.0.1").pass_through()
    created = create_key(server, project, environment="development", external_user_id="url-user", apps=["http"],
                         in_url=True)
    assert created["in_url"] is True and created["mcp_url"] == f"{server.url}/k/{created['key']}/mcp"
    # Nothing but the URL: no header at all.
    route = respx_mock.get(ECHO_URL).mock(return_value=httpx.Response(200, json={"echo": "hi"}))
    async with Client(streamable(created["mcp_url"], {}), mode="legacy") as client:
        names = [tool.name for tool in (await client.list_tools()).tools]
        result = await client.call_tool("http-send-request", {"url": ECHO_URL})
    assert sorted(names) == ["http-download-file", "http-send-request"] and route.called
    assert result.is_error is False
    # The legacy SSE form announces a messages URL that carries the key as well.
    with httpx.stream("GET", f"{server.url}/k/{created['key']}/sse", timeout=10) as stream:
        lines = stream.iter_lines()
        first = next(lines), next(lines)
    assert first[0] == "event: endpoint" and first[1].startswith(f"data: /k/{created['key']}/messages?sessionId=")
    # The key never reaches the logs, though its path is in every access line.
    assert created["key"] not in caplog.text


def test_only_a_key_made_for_urls_is_taken_from_a_url(server, project):
    header_key = create_key(server, project, environment="development", external_user_id="u", apps=["http"])
    assert header_key["in_url"] is False and header_key["mcp_url"] is None
    tools_list = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    accept = {"Accept": "application/json, text/event-stream"}
    refused = httpx.post(f"{server.url}/k/{header_key['key']}/mcp", json=INITIALIZE, headers=accept)
    assert refused.status_code == 401 and "was not made to be carried in a URL" in refused.json()["error"]["message"]
    assert "keys create --url" in refused.json()["error"]["message"]
    not_a_key = httpx.post(f"{server.url}/k/ctok_abc/mcp", json=tools_list, headers=accept)
    assert not_a_key.status_code == 401 and "starts with mgk_" in not_a_key.json()["error"]["message"]
    made_up = httpx.post(f"{server.url}/k/mgk_{'x' * 43}/mcp", json=INITIALIZE, headers=accept)
    assert made_up.status_code == 401 and "not one this gateway issued" in made_up.json()["error"]["message"]


def test_bad_key_requests_are_refused_with_what_to_fix(server, project):
    url = f"{server.url}/v1/connect/{project['project_id']}/keys"
    for body, expected in [
        ({}, "environment"),
        ({"environment": "staging"}, "environment"),
        ({"environment": "development", "apps": ["nope"]}, "unknown app 'nope'"),
        ({"environment": "development", "expires_in": 0}, "expires_in"),
        ({"environment": "development", "external_user_id": ""}, "external"),
    ]:
        response = httpx.post(url, json=body, headers=developer(project))
        assert response.status_code == 400 and expected in response.json()["error"], (body, response.text)
    made_up = httpx.get(url, headers=bearer("mgk_" + "x" * 43))
    assert made_up.status_code == 401 and "not one this gateway issued" in made_up.json()["error"]


def test_an_expired_key_is_refused(server, project):
    created = create_key(server, project, environment="development", expires_in=3600)
    server.execute("UPDATE project_api_keys SET expires_at = created_at WHERE id = :id", id=created["id"])
    response = httpx.get(f"{server.url}/v1/connect/{project['project_id']}/accounts",
                         headers={**bearer(created["key"]), "x-pd-environment": "development"})
    assert response.status_code == 401 and f"API key {created['id']} expired" in response.json()["error"]


def test_the_cli_creates_lists_and_revokes_keys(server, project):
    env = {**os.environ, "MCP_GATEWAY_DATA_DIR": str(server.settings.data_dir),
           "MCP_GATEWAY_DATABASE_URL": server.settings.database_url}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mcp_gateway", "keys", *args], capture_output=True, text=True,
                              env=env, timeout=60)

    made = cli("create", "--project-id", project["project_id"], "--environment", "production",
               "--external-user-id", "cli-user", "--apps", "http,slack", "--expires", "90d", "--name", "ci")
    assert made.returncode == 0, made.stderr
    created = json.loads(made.stdout)
    assert created["apps"] == ["http", "slack"] and created["environment"] == "production"
    assert "shown only this once" in made.stderr
    response = httpx.get(f"{server.url}/v1/connect/{project['project_id']}/accounts",
                         params={"external_user_id": "cli-user"},
                         headers={**bearer(created["key"]), "x-pd-environment": "production"})
    assert response.status_code == 200, response.text
    listed = json.loads(cli("list", "--project-id", project["project_id"]).stdout)
    assert created["id"] in [k["id"] for k in listed] and all("key" not in k for k in listed)
    assert cli("revoke", "--project-id", project["project_id"], created["id"]).returncode == 0
    again = httpx.get(f"{server.url}/v1/connect/{project['project_id']}/accounts",
                      params={"external_user_id": "cli-user"},
                      headers={**bearer(created["key"]), "x-pd-environment": "production"})
    assert again.status_code == 401
    bad = cli("create", "--project-id", project["project_id"], "--environment", "development", "--apps", "nope")
    assert bad.returncode == 2 and "unknown app 'nope'" in bad.stderr


def test_client_credentials_tokens_live_as_long_as_asked_up_to_the_maximum(server, project):
    url = server.url + "/v1/oauth/token"
    credentials = {"grant_type": "client_credentials", "client_id": project["client_id"],
                   "client_secret": project["client_secret"]}
    week = httpx.post(url, json={**credentials, "expires_in": 7 * 86400})
    assert week.status_code == 200 and 7 * 86400 - 5 < week.json()["expires_in"] <= 7 * 86400
    form = httpx.post(url, data={**credentials, "expires_in": "7200"})
    assert form.status_code == 200 and 7195 < form.json()["expires_in"] <= 7200
    too_long = httpx.post(url, json={**credentials, "expires_in": 8 * 86400})
    assert too_long.status_code == 400 and too_long.json()["error"] == "invalid_request"
    assert "MCP_GATEWAY_ACCESS_TOKEN_MAX_TTL" in too_long.json()["error_description"]
    assert httpx.post(url, json={**credentials, "expires_in": "soon"}).json()["error"] == "invalid_request"
    token = week.json()["access_token"]
    assert httpx.get(f"{server.url}/v1/connect/{project['project_id']}/accounts",
                     headers={"Authorization": f"Bearer {token}", "x-pd-environment": "development"}).status_code == 200
