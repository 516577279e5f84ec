"""What a client is told when a request is wrong: each message names what to fix."""

from __future__ import annotations

import time

import httpx
import pytest

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
ACCEPT = {"accept": "application/json, text/event-stream"}


def post(server, headers, body=INIT, path="/"):
    return httpx.post(server.url + path, json=body, headers={**ACCEPT, **headers})


def test_missing_token_is_401_and_says_how_to_get_one(server, pd_headers):
    headers = {k: v for k, v in pd_headers.items() if k != "Authorization"}
    response = post(server, headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "POST /v1/oauth/token" in response.json()["error"]["message"]


def test_forged_token_is_401(server, pd_headers):
    token = pd_headers["Authorization"]
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    response = post(server, {**pd_headers, "Authorization": forged})
    assert response.status_code == 401
    assert "signature" in response.json()["error"]["message"]


def test_expired_token_is_401_and_says_expired(server, project, pd_headers):
    auth = server.gateway.auth
    from mcp_gateway.connect.developer_auth import Principal

    expired = auth._sign(Principal(project["project_id"], project["client_id"], time.time() - 5))
    response = post(server, {**pd_headers, "Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_token_of_another_project_is_403(server, pd_headers):
    other = server.create_project("other")
    token = server.token(other)
    response = post(server, {**pd_headers, "Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert other["project_id"] in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("drop", "named"),
    [
        ("x-pd-project-id", "x-pd-project-id"),
        ("x-pd-environment", "x-pd-environment"),
        ("x-pd-external-user-id", "x-pd-external-user-id"),
        ("x-pd-app-slug", "x-pd-app-slug"),
    ],
)
def test_missing_parameter_is_named(server, pd_headers, drop, named):
    headers = {k: v for k, v in pd_headers.items() if k != drop}
    response = post(server, headers)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert named in message


@pytest.mark.parametrize(
    ("header", "value", "named"),
    [
        ("x-pd-environment", "staging", "development or production"),
        ("x-pd-app-slug", "nosuchapp", "nosuchapp"),
        ("x-pd-tool-mode", "everything", "tool mode"),
    ],
)
def test_bad_parameter_value_is_named(server, pd_headers, header, value, named):
    response = post(server, {**pd_headers, header: value})
    assert response.status_code == 400
    assert named in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("/?externalUserId=user%00one", "must not contain NUL characters"),  # no database keeps NUL in text
        ("/" + "u" * 251 + "/http", "the limit is 250"),
    ],
)
def test_external_user_ids_the_store_cannot_keep_are_refused(server, pd_headers, path, named):
    headers = {k: v for k, v in pd_headers.items() if k != "x-pd-external-user-id"}
    response = post(server, headers, path=path)
    assert response.status_code == 400
    assert named in response.json()["error"]["message"]


def test_requests_without_session_are_told_to_initialize(server, pd_headers):
    response = post(server, pd_headers, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
    assert response.status_code == 400
    assert "Mcp-Session-Id" in response.json()["error"]["message"]


def test_malformed_json_is_a_parse_error(server, pd_headers):
    response = httpx.post(server.url + "/", content=b"{not json", headers={**ACCEPT, **pd_headers, "content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == -32700


def session(server, headers):
    response = post(server, headers)
    assert response.status_code == 200
    return {**headers, "mcp-session-id": response.headers["mcp-session-id"]}


def test_another_projects_session_is_answered_as_an_unknown_one(server, pd_headers):
    theirs = session(server, pd_headers)
    other = server.create_project("other")
    mine = {**pd_headers, "Authorization": f"Bearer {server.token(other)}", "x-pd-project-id": other["project_id"]}
    unknown_id = "0" * len(theirs["mcp-session-id"])
    listing = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
    foreign = post(server, {**mine, "mcp-session-id": theirs["mcp-session-id"]}, listing)
    unknown = post(server, {**mine, "mcp-session-id": unknown_id}, listing)
    assert foreign.status_code == unknown.status_code == 404
    assert foreign.json() == unknown.json()
    foreign_delete = httpx.delete(server.url + "/", headers={**mine, "mcp-session-id": theirs["mcp-session-id"]})
    unknown_delete = httpx.delete(server.url + "/", headers={**mine, "mcp-session-id": unknown_id})
    assert foreign_delete.status_code == unknown_delete.status_code == 404
    assert foreign_delete.json() == unknown_delete.json()
    assert post(server, theirs, listing).status_code == 200  # still its owner's


def test_bad_arguments_get_an_error_result_naming_every_field(server, pd_headers):
    headers = session(server, pd_headers)
    response = post(server, headers, {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "http-send-request", "arguments": {"method": 5, "colour": "red"}}})
    result = response.json()["result"]
    assert result["isError"] is True
    text = result["content"][0]["text"]
    assert "url: required" in text
    assert "method: 5 is not of type 'string'" in text
    assert "colour: not a prop of this action" in text


def test_unknown_tool_is_an_invalid_params_error(server, pd_headers):
    headers = session(server, pd_headers)
    response = post(server, headers, {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "slack-send-message", "arguments": {}}})
    error = response.json()["error"]
    assert error["code"] == -32602
    assert "tools/list" in error["message"]


def test_modern_request_missing_envelope_is_invalid_params(server, pd_headers):
    response = post(server, {**pd_headers, "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list"}, {"jsonrpc": "2.0", "id": 5, "method": "tools/list", "params": {}})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == -32602
    assert "_meta" in response.json()["error"]["message"]


def test_modern_header_mismatch_is_rejected(server, pd_headers):
    meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}
    response = post(server, {**pd_headers, "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call"}, {"jsonrpc": "2.0", "id": 6, "method": "tools/list", "params": {"_meta": meta}})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == -32020


def test_dns_rebinding_foreign_host_and_origin_are_refused(server, pd_headers):
    evil_host = httpx.post(server.url + "/", json=INIT, headers={**ACCEPT, **pd_headers, "host": "evil.example"})
    assert evil_host.status_code == 421
    assert "MCP_GATEWAY_ALLOWED_HOSTS" in evil_host.json()["error"]["message"]
    evil_origin = post(server, {**pd_headers, "origin": "https://evil.example"})
    assert evil_origin.status_code == 403
    assert "MCP_GATEWAY_ALLOWED_ORIGINS" in evil_origin.json()["error"]["message"]
    local_origin = post(server, {**pd_headers, "origin": f"http://localhost:{server.port}"})
    assert local_origin.status_code == 200


def test_oauth_token_accepts_form_bodies_and_rejects_bad_secrets(server, project):
    form = httpx.post(server.url + "/v1/oauth/token", data={"grant_type": "client_credentials", "client_id": project["client_id"], "client_secret": project["client_secret"]})
    assert form.status_code == 200
    body = form.json()
    assert body["token_type"] == "Bearer" and 3500 < body["expires_in"] <= 3600
    wrong = httpx.post(server.url + "/v1/oauth/token", json={"grant_type": "client_credentials", "client_id": project["client_id"], "client_secret": "mgs_wrong"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    grant = httpx.post(server.url + "/v1/oauth/token", json={"grant_type": "password"})
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"


def test_client_secret_is_stored_hashed(server, project):
    import sqlite3

    db = sqlite3.connect(server.settings.data_dir / "gateway.db")
    rows = db.execute("select secret_hash from project_clients").fetchall()
    assert rows and all(project["client_secret"] not in r[0] for r in rows)
    dump = "\n".join(db.iterdump())
    assert project["client_secret"] not in dump
