"""The MCP Inspector CLI against the gateway as a URL-only client: streamable HTTP in the session
era and in 2026-07-28, and legacy HTTP+SSE (a session-era transport), each listing the tools and
calling one."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_inspector import inspector  # noqa: F401  (the fixture that installs the CLI)

from .suite import ConformanceGateway


def run(binary: Path, url: str, transport: str, era: str, *args: str) -> dict:
    done = subprocess.run([str(binary), "--cli", url, "--transport", transport, "--protocol-era", era,
                           "--format", "json", "--quiet", *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{transport}/{era}: {done.stderr[-2000:]}"
    return json.loads(done.stdout)["result"]


def _sessions(gateway: ConformanceGateway) -> int:
    """How many MCP sessions the gateway's database holds (open or ended by the inspector)."""
    database = Path(gateway.process.env["MCP_GATEWAY_DATA_DIR"]) / "gateway.db"
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute("SELECT count(*) FROM mcp_sessions").fetchone()
    return int(count) + _sessions_ended(gateway)


def _sessions_ended(gateway: ConformanceGateway) -> int:
    # A session the inspector closes (DELETE) is gone from the table; the access log still shows it.
    return sum(1 for line in gateway.process.lines if '"DELETE ' in line or "\"method\": \"DELETE\"" in line)


@pytest.mark.parametrize(("transport", "era"), [("http", "legacy"), ("http", "modern"), ("sse", "legacy")])
def test_the_inspector_lists_and_calls_in_each_era(conformance_gateway: ConformanceGateway, inspector: Path,  # noqa: F811
                                                   transport: str, era: str) -> None:
    url = conformance_gateway.mcp_url
    sessions_before = _sessions(conformance_gateway)
    if transport == "sse":
        url = url.removesuffix("/mcp") + "/sse"
    listed = run(inspector, url, transport, era, "--method", "tools/list")
    names = {tool["name"] for tool in listed["tools"]}
    assert {"test_simple_text", "test_tool_with_progress", "greet"} <= names
    if transport == "http":  # the session era opens a session for each run; 2026-07-28 keeps none
        assert (_sessions(conformance_gateway) > sessions_before) == (era == "legacy")
    called = run(inspector, url, transport, era, "--method", "tools/call", "--tool-name", "greet",
                 "--tool-arg", "name=Inspector")
    assert called["content"][0]["text"] == "Hello, Inspector!" and called["isError"] is False
