"""The official `mcp` client against a real gateway, over every transport, era and URL form."""

from __future__ import annotations

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client

pytestmark = pytest.mark.both_databases

ECHO_URL = "https://api.example.com/echo"


def streamable(url: str, headers: dict[str, str]):
    return streamable_http_client(url, http_client=httpx2.AsyncClient(headers=headers, timeout=30))


async def exercise(client: Client, respx_mock) -> None:
    """List the http app's tools and call one, checking what the upstream received."""
    route = respx_mock.post(ECHO_URL).mock(return_value=httpx.Response(200, json={"echo": "hi"}))
    tools = await client.list_tools()
    by_name = {t.name: t for t in tools.tools}
    assert set(by_name) == {"http-send-request", "http-download-file"}
    send = by_name["http-send-request"]
    assert send.input_schema["required"] == ["url"]
    assert send.annotations.open_world_hint is True
    result = await client.call_tool("http-send-request", {"url": ECHO_URL, "method": "POST", "body": {"x": 1}})
    assert result.is_error is False
    assert result.content[0].text.startswith(f"POST {ECHO_URL} returned 200")
    assert result.structured_content["ret"]["body"] == {"echo": "hi"}
    assert result.structured_content["exports"]["$summary"] == f"POST {ECHO_URL} returned 200"
    assert route.calls.last.request.content == b'{"x":1}'


@pytest.mark.parametrize("path", ["/", "/mcp"])
async def test_streamable_handshake_era_with_headers(server, pd_headers, respx_mock, path):
    async with Client(streamable(server.url + path, pd_headers), mode="legacy") as client:
        assert client.session.initialize_result.server_info.name == "mcp-gateway"
        await exercise(client, respx_mock)


async def test_streamable_modern_era_pinned(server, pd_headers, respx_mock):
    async with Client(streamable(server.url + "/", pd_headers), mode="2026-07-28") as client:
        await exercise(client, respx_mock)


async def test_streamable_auto_negotiates_the_modern_era(server, pd_headers, respx_mock):
    async with Client(streamable(server.url + "/", pd_headers), mode="auto") as client:
        assert client.session.discover_result is not None
        assert "2026-07-28" in client.session.discover_result.supported_versions
        await exercise(client, respx_mock)


async def test_query_parameters_instead_of_headers(server, project, respx_mock):
    url = (
        f"{server.url}/?projectId={project['project_id']}&environment=development"
        "&externalUserId=user-1&app=http&toolMode=tools-only"
    )
    async with Client(streamable(url, {"Authorization": f"Bearer {project['token']}"}), mode="legacy") as client:
        await exercise(client, respx_mock)


@pytest.mark.parametrize("prefix", ["", "/v1"])
@pytest.mark.parametrize("mode", ["legacy", "2026-07-28"])
async def test_path_form_streamable(server, project, respx_mock, prefix, mode):
    headers = {
        "Authorization": f"Bearer {project['token']}",
        "x-pd-project-id": project["project_id"],
        "x-pd-environment": "development",
    }
    async with Client(streamable(f"{server.url}{prefix}/user-1/http", headers), mode=mode) as client:
        await exercise(client, respx_mock)


@pytest.mark.parametrize("path", ["/", "/user-1/http", "/v1/user-1/http"])
async def test_legacy_sse_transport(server, pd_headers, respx_mock, path):
    async with Client(sse_client(server.url + path, headers=pd_headers), mode="legacy") as client:
        await exercise(client, respx_mock)


async def test_session_survives_and_is_deleted(server, pd_headers):
    async with httpx.AsyncClient(base_url=server.url, headers={**pd_headers, "accept": "application/json, text/event-stream"}) as http:
        init = await http.post("/", json={"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}})
        assert init.status_code == 200
        assert init.json()["result"]["protocolVersion"] == "2025-06-18"
        session = init.headers["mcp-session-id"]
        listed = await http.post("/", headers={"mcp-session-id": session}, json={"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
        assert [t["name"] for t in listed.json()["result"]["tools"]] == ["http-download-file", "http-send-request"]
        assert (await http.delete("/", headers={"mcp-session-id": session})).status_code == 200
        gone = await http.post("/", headers={"mcp-session-id": session}, json={"jsonrpc": "2.0", "id": 3, "method": "tools/list"})
        assert gone.status_code == 404
        assert "initialize" in gone.json()["error"]["message"]
