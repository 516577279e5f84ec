"""Stopping without dropping work: once the drain starts, readiness says 503 and destination
event streams end, and on SIGTERM `mcp-gateway serve` finishes the tool calls in flight, stops
taking connections and exits with status 0."""

from __future__ import annotations

import asyncio
import json
import textwrap
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from mcp import Client

from tests.e2e.test_mcp_transports import streamable
from tests.serve_process import ServeProcess
from tests.support import GatewayServer, gateway_settings

SLOW_APP = """
from mcp_gateway.catalog import App, NoAuth

app = App("slow_api", "Slow API", "An API that takes its time to answer.", auth=NoAuth(), categories=["Testing"])
"""

SLOW_ACTION = '''
from mcp_gateway.catalog import props

from ..app import app


@app.action(
    "fetch",
    title="Fetch Report",
    description="GET a report and return it.",
    props={"url": props.string("URL", "Where the report is.")},
    read_only=True,
)
async def fetch(ctx):
    response = await ctx.http.get(ctx.props.url)
    ctx.summary = "Fetched the report"
    return response.json()
'''

REPORT = {"report": "quarterly", "rows": 42}


class SlowApi:
    """An HTTP API on 127.0.0.1 that answers `REPORT` `delay` seconds after a request arrives."""

    def __init__(self, delay: float) -> None:
        self.arrived = threading.Event()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                api.arrived.set()
                time.sleep(delay)
                body = json.dumps(REPORT).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/report"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def slow_api():
    api = SlowApi(delay=2.0)
    yield api
    api.close()


@pytest.fixture
def custom_tools(tmp_path):
    root = tmp_path / "tools"
    (root / "slow_api" / "actions").mkdir(parents=True)
    (root / "slow_api" / "app.py").write_text(textwrap.dedent(SLOW_APP))
    (root / "slow_api" / "actions" / "fetch.py").write_text(textwrap.dedent(SLOW_ACTION))
    return root


def sse_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "x-pd-environment": "development", "Accept": "text/event-stream"}


def test_draining_turns_readiness_off_and_ends_destination_streams(tmp_path):
    server = GatewayServer(gateway_settings(tmp_path / "gateway", sse_poll_interval=0.1)).start()
    try:
        assert server.gateway is not None
        project = server.create_project()
        token = server.token(project)
        stream_url = f"{server.url}/v1/connect/{project['project_id']}/sse"
        assert httpx.get(f"{server.url}/readyz").json()["status"] == "ready"
        # No events and a keepalive every 15 s: without the drain, reading would time out.
        with httpx.stream("GET", stream_url, headers=sse_headers(token), timeout=httpx.Timeout(5.0)) as stream:
            assert stream.status_code == 200

            async def start_drain() -> None:
                server.gateway.drain.start()

            server.call(start_drain())
            assert stream.read() == b""
        draining = httpx.get(f"{server.url}/readyz")
        assert (draining.status_code, draining.json()) == (503, {"status": "draining"})
        assert httpx.get(f"{server.url}/healthz").status_code == 200  # alive, just not taking new work
        with httpx.stream("GET", stream_url, headers=sse_headers(token), timeout=httpx.Timeout(5.0)) as late:
            assert late.status_code == 200 and late.read() == b""  # a new stream ends at once, for a retry elsewhere
    finally:
        server.stop()


def test_wait_idle_waits_for_the_requests_in_flight(tmp_path, slow_api, custom_tools):
    server = GatewayServer(gateway_settings(tmp_path / "gateway", custom_tools_dir=custom_tools, private_networks=("127.0.0.0/8",))).start()
    try:
        assert server.gateway is not None
        drain = server.gateway.drain
        project = server.create_project()
        headers = {"Authorization": f"Bearer {server.token(project)}", "x-pd-environment": "development"}
        run = {"id": "~/slow_api-fetch", "external_user_id": "analyst", "configured_props": {"url": slow_api.url}}
        answers: list[httpx.Response] = []
        running = threading.Thread(target=lambda: answers.append(httpx.post(
            f"{server.url}/v1/connect/{project['project_id']}/actions/run", json=run, headers=headers, timeout=30)))
        running.start()
        assert slow_api.arrived.wait(30)
        assert drain.in_flight == 1
        assert server.call(drain.wait_idle(0.2)) is False
        assert server.call(drain.wait_idle(30)) is True
        running.join(30)
        assert answers[0].status_code == 200 and answers[0].json()["ret"] == REPORT
        assert drain.in_flight == 0
    finally:
        server.stop()


async def readiness_while_stopping(url: str, seconds: float = 10.0) -> list[int | str]:
    """What `/readyz` answers on new connections until they are refused.

    A connection the kernel queued just before the listener closed is reset rather than
    refused; either way the process has stopped taking new work."""
    answers: list[int | str] = []
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0), timeout=2.0) as http:
        while time.monotonic() < deadline:
            try:
                answers.append((await http.get(f"{url}/readyz")).status_code)
            except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError):
                answers.append("refused")
                return answers
            await asyncio.sleep(0.02)
    return answers


async def test_sigterm_finishes_calls_in_flight_then_exits_cleanly(tmp_path, slow_api, custom_tools):
    gateway = ServeProcess(tmp_path / "data", CUSTOM_TOOLS_DIR=str(custom_tools), DRAIN_SECONDS="20", LOG_FORMAT="json",
                           PRIVATE_NETWORKS="127.0.0.0/8")
    project = gateway.create_project()
    gateway.start()
    try:
        token = gateway.token(project)
        mcp_headers = {"Authorization": f"Bearer {token}", "x-pd-project-id": project["project_id"],
                       "x-pd-environment": "development", "x-pd-external-user-id": "analyst",
                       "x-pd-app-slug": "slow_api", "x-pd-tool-mode": "tools-only"}
        async with httpx.AsyncClient(timeout=httpx.Timeout(30.0)) as http:
            events_url = f"{gateway.url}/v1/connect/{project['project_id']}/sse"
            async with http.stream("GET", events_url, headers=sse_headers(token)) as events:
                assert events.status_code == 200
                async with Client(streamable(gateway.url + "/", mcp_headers), mode="2026-07-28") as client:
                    await client.list_tools()  # the client checks results against these; listed now, while it can
                    call = asyncio.create_task(client.call_tool("custom.slow_api-fetch", {"url": slow_api.url}))
                    assert await asyncio.to_thread(slow_api.arrived.wait, 30), "the call never reached the API"
                    sent_at = time.monotonic()
                    gateway.terminate()
                    answers = await readiness_while_stopping(gateway.url)
                    result = await asyncio.wait_for(call, 30)
                stream_rest = await asyncio.wait_for(events.aread(), 10)
                stream_ended_after = time.monotonic() - sent_at
        code = await asyncio.to_thread(gateway.wait, 30)
    finally:
        gateway.kill()
    assert code == 0, "\n".join(gateway.lines)
    assert result.is_error is False, result.content[0].text
    assert result.structured_content["ret"] == REPORT
    assert answers[-1] == "refused" and set(answers[:-1]) <= {503}, answers
    assert b"data:" not in stream_rest
    assert stream_ended_after < 20, "the event stream held the shutdown until the drain timed out"
    entries = gateway.json_lines()
    assert not [e for e in entries if e["level"] in ("ERROR", "CRITICAL")], entries
    assert [e["status"] for e in entries if e["logger"] == "mcp_gateway.access" and e["path"] == "/"][-1] == 200


def test_draining_ends_mcp_event_streams(tmp_path):
    """A 2025-era session's notification stream and a legacy SSE stream end when the drain
    starts, so their clients reconnect to a process that is staying."""
    server = GatewayServer(gateway_settings(tmp_path / "gateway")).start()
    try:
        assert server.gateway is not None
        project = server.create_project()
        headers = {"Authorization": f"Bearer {server.token(project)}", "x-pd-project-id": project["project_id"],
                   "x-pd-environment": "development", "x-pd-external-user-id": "analyst", "x-pd-app-slug": "http"}
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
        session = httpx.post(server.url + "/", json=init, headers={**headers, "Accept": "application/json"}).headers["mcp-session-id"]
        streaming = {**headers, "Accept": "text/event-stream"}
        with httpx.stream("GET", server.url + "/", headers={**streaming, "mcp-session-id": session}, timeout=5.0) as notifications, \
                httpx.stream("GET", server.url + "/", headers=streaming, timeout=5.0) as legacy:
            assert notifications.status_code == legacy.status_code == 200
            legacy_lines = legacy.iter_lines()
            assert next(legacy_lines) == "event: endpoint"

            async def start_drain() -> None:
                server.gateway.drain.start()

            server.call(start_drain())
            # Without the drain no byte would come for 15 s (the keepalive), past the read timeout.
            assert b"data:" not in notifications.read()
            assert all(not line.startswith("event: message") for line in legacy_lines)
    finally:
        server.stop()
