"""Paths the gateway keeps for itself (OAuth metadata and endpoints, `/sse`) are never taken for
`/{external_user_id}/{app}`: until something serves them, they answer a JSON 404 saying what they are."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from mcp_gateway.reserved import ReservedPaths

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}

NOT_SERVED = [
    "/.well-known",
    "/.well-known/oauth-protected-resource",
    "/.well-known/oauth-authorization-server",
    "/.well-known/openid-configuration",
    "/.well-known/foo",
    # RFC 9728's path-suffixed metadata of the resources `/mcp` and `/alice/slack`.
    "/.well-known/oauth-protected-resource/mcp",
    "/.well-known/oauth-protected-resource/alice/slack",
    "/.well-known/oauth-authorization-server/oauth",
    "/register",
    "/authorize",
    "/token",
    "/revoke",
    "/consent",
    "/oauth",
    "/oauth/authorize",
    "/oauth/x/y",
    # Each would otherwise be the user `register`/`token`/... with the http app, and these headers valid.
    "/register/http",
    "/authorize/http",
    "/token/http",
    "/revoke/http",
    "/consent/http",
    "/oauth/http",
    "/sse/http",
    "/.well-known/http",
    "/register/http/messages",
    "/register/http/sse",
    "/sse/http/sse",
]


# Paths and methods the authorization server serves (this gateway has no sign-in provider configured).
SIGN_IN_SURFACE = {
    *(("GET", path) for path in ("/.well-known/oauth-protected-resource", "/.well-known/oauth-authorization-server",
                                 "/.well-known/openid-configuration", "/.well-known/oauth-protected-resource/mcp",
                                 "/.well-known/oauth-protected-resource/alice/slack", "/authorize", "/consent")),
    *(("POST", path) for path in ("/register", "/token", "/revoke", "/consent")),
}


@pytest.fixture
def mcp_headers(pd_headers):
    return {**pd_headers, "accept": "application/json, text/event-stream"}


@pytest.mark.parametrize("path", NOT_SERVED)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_reserved_paths_answer_a_json_404(server, mcp_headers, path, method):
    # Had the MCP endpoint taken the path, GET would open an event stream (this times out) and POST initialize.
    response = httpx.request(method, server.url + path, headers=mcp_headers, json=INIT if method == "POST" else None, timeout=5)
    if (method, path) in SIGN_IN_SURFACE:
        # The authorization server's own endpoints, answering that end-user sign-in is not configured here.
        assert response.status_code in (400, 404) and "jsonrpc" not in response.text
        assert "not configured" in response.text or "Cannot sign in" in response.text
        return
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["error"] == "not_found"
    assert body["error_description"].startswith(f"{path} is reserved for ")


def test_a_metadata_probe_is_told_how_to_authenticate(server):
    response = httpx.get(server.url + "/.well-known/oauth-protected-resource/alice/slack")
    assert response.status_code == 404
    description = response.json()["error_description"]
    assert "end-user sign-in is not configured" in description and "MCP_GATEWAY_AUTH_ISSUER" in description
    assert "`Authorization: Bearer`" in description and "mcp-gateway keys create" in description


def test_a_stray_sse_path_names_the_sse_urls(server):
    response = httpx.get(server.url + "/sse/extra")
    assert response.status_code == 404
    assert "GET /sse or /{external_user_id}/{app}/sse" in response.json()["error_description"]


def test_users_with_ordinary_names_still_use_the_path_form(server, mcp_headers):
    headers = {k: v for k, v in mcp_headers.items() if k not in ("x-pd-external-user-id", "x-pd-app-slug")}
    response = httpx.post(server.url + "/tokens/http", headers=headers, json=INIT)
    assert response.status_code == 200
    assert "mcp-session-id" in response.headers


# The registry itself, as the authorization server's module will use it.


async def _metadata(_: Request) -> PlainTextResponse:
    return PlainTextResponse("metadata")


def test_an_added_route_is_served_before_the_404():
    reserved = ReservedPaths()
    reserved.add(Route("/.well-known/oauth-protected-resource{resource:path}", _metadata, methods=["GET"]))
    client = TestClient(Starlette(routes=reserved.routes()))
    assert client.get("/.well-known/oauth-protected-resource").text == "metadata"
    assert client.get("/.well-known/oauth-protected-resource/alice/slack").text == "metadata"
    assert client.get("/.well-known/oauth-authorization-server").status_code == 404


def test_only_reserved_paths_can_be_added():
    with pytest.raises(ValueError, match="/alice/slack is not under a reserved path .*add it to RESERVED first"):
        ReservedPaths().add(Route("/alice/slack", _metadata))
