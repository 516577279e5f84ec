"""The official `mcp` client against a real gateway, over every transport, era and URL form."""

from __future__ import annotations

import json
from collections.abc import Iterator

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


@pytest.mark.parametrize("path", ["/", "/user-1/http", "/v1/user-1/http", "/sse"])
async def test_legacy_sse_transport(server, pd_headers, respx_mock, path):
    async with Client(sse_client(server.url + path, headers=pd_headers), mode="legacy") as client:
        await exercise(client, respx_mock)


@pytest.mark.parametrize("prefix", ["", "/v1"])
async def test_legacy_sse_url_takes_the_user_and_app_from_the_path(server, project, respx_mock, prefix):
    headers = {
        "Authorization": f"Bearer {project['token']}",
        "x-pd-project-id": project["project_id"],
        "x-pd-environment": "development",
        "x-pd-tool-mode": "tools-only",
    }
    session_ids: list[str] = []
    transport = sse_client(f"{server.url}{prefix}/user-2/http/sse", headers=headers, on_session_created=session_ids.append)
    async with Client(transport, mode="legacy") as client:
        session = server.call(server.gateway.sessions.get(session_ids[0]))
        assert (session.params.external_user_id, session.params.apps) == ("user-2", ("http",))
        await exercise(client, respx_mock)


def sse_events(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    """(event, data) pairs of an event stream, comments (pings) skipped."""
    event, data = "message", ""
    for line in lines:
        if line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data = line.removeprefix("data: ")
        elif not line and data:
            yield event, data
            event, data = "message", ""


@pytest.mark.parametrize("accept", ["*/*", None], ids=["accept-any", "no-accept"])
@pytest.mark.parametrize("path", ["/sse", "/user-1/http/sse", "/v1/user-1/http/sse"])
def test_sse_urls_open_a_legacy_stream_whatever_the_accept_header(server, pd_headers, path, accept):
    """What MCP Inspector 0.15 and other HTTP+SSE clients send: the stream opens, announces the
    `/messages` URL beside the path, and answers what is POSTed there."""
    with httpx.Client(base_url=server.url, headers=pd_headers, timeout=10) as http:
        request = http.build_request("GET", path)
        if accept is None:
            del request.headers["accept"]
        else:
            request.headers["accept"] = accept
        stream = http.send(request, stream=True)
        try:
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")
            events = sse_events(stream.iter_lines())
            event, endpoint = next(events)
            assert event == "endpoint"
            assert endpoint.startswith(path.removesuffix("/sse") + "/messages?sessionId=")
            init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                    "params": {"protocolVersion": "2024-11-05", "capabilities": {}, "clientInfo": {"name": "old", "version": "0.15"}}}
            assert http.post(endpoint, json=init).status_code == 202
            event, data = next(events)
            assert (event, json.loads(data)["result"]["protocolVersion"]) == ("message", "2024-11-05")
            assert http.post(endpoint, json={"jsonrpc": "2.0", "method": "notifications/initialized"}).status_code == 202
            assert http.post(endpoint, json={"jsonrpc": "2.0", "id": 2, "method": "tools/list"}).status_code == 202
            event, data = next(events)
            listed = json.loads(data)
            assert listed["id"] == 2
            assert [t["name"] for t in listed["result"]["tools"]] == ["http-download-file", "http-send-request"]
        finally:
            stream.close()


@pytest.mark.parametrize("path", ["/sse", "/user-1/http/sse"])
def test_sse_urls_say_where_messages_go(server, pd_headers, path):
    response = httpx.post(server.url + path, headers=pd_headers, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert "POSTed to the endpoint its first event announces" in response.json()["error"]["message"]


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
