"""`mcp-gateway stdio` as a subprocess, driven by the official client, as Claude Desktop would."""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mcp import Client, StdioServerParameters

from tests.e2e.test_connect_link import KEYS_ACTION, KEYS_APP
from tests.receiver import Receiver

ROOT = Path(__file__).resolve().parents[2]


def stdio_params(data_dir: Path, *args: str, command: str | None = None) -> StdioServerParameters:
    env = {**os.environ, "MCP_GATEWAY_DATA_DIR": str(data_dir)}
    if command is None:
        return StdioServerParameters(command=sys.executable, args=["-m", "mcp_gateway", "stdio", *args], env=env)
    return StdioServerParameters(command=command, args=list(args), env=env)


@pytest.mark.parametrize("mode", ["legacy", "auto"])
async def test_stdio_lists_and_validates_tools(tmp_path, mode):
    async with Client(stdio_params(tmp_path, "--app", "http", "--external-user-id", "me"), mode=mode) as client:
        tools = await client.list_tools()
        assert {t.name for t in tools.tools} == {"http-send-request", "http-download-file"}
        bad = await client.call_tool("http-send-request", {"url": 42})
        assert bad.is_error is True
        assert "url: 42 is not of type 'string'" in bad.content[0].text


async def test_stdio_uses_the_local_users_account(tmp_path):
    """An account stored with `accounts add` is the one stdio tool calls use."""
    added = subprocess.run(
        [sys.executable, "-m", "mcp_gateway", "accounts", "add", "--app", "github", "--external-user-id", "me"],
        input=json.dumps({"oauth_access_token": "gho_local"}),
        capture_output=True,
        text=True,
        env={**os.environ, "MCP_GATEWAY_DATA_DIR": str(tmp_path)},
        check=True,
    )
    assert json.loads(added.stdout)["id"].startswith("apn_")
    async with Client(stdio_params(tmp_path, "--app", "github", "--external-user-id", "someone-else"), mode="legacy") as client:
        tools = await client.list_tools()
        assert any(t.name == "github-get-repository" for t in tools.tools)
        missing = await client.call_tool("github-get-repository", {"repoFullname": "octo/hello"})
        assert missing.is_error is False
        assert "no connected GitHub account" in missing.content[0].text
        # No HTTP server behind stdio and no MCP_GATEWAY_PUBLIC_URL: no link, but the way out.
        assert missing.meta["mcp-gateway/accountRequired"] == {"app": "github", "connectLinkUrl": None}
        assert "mcp-gateway accounts add" in missing.content[0].text


async def test_a_missing_account_is_met_with_the_command_that_stores_it(tmp_path):
    """The hint is the exact `accounts add` line for this server's store, apps, project, environment and
    user; run as printed, it connects the account the next call uses."""
    tools, data = tmp_path / "tools", tmp_path / "data"
    (tools / "demo_keys" / "actions").mkdir(parents=True)
    with Receiver(api_key="key-for-stdio") as receiver:
        (tools / "demo_keys" / "app.py").write_text(textwrap.dedent(KEYS_APP).replace("{receiver}", receiver.url))
        (tools / "demo_keys" / "actions" / "main.py").write_text(textwrap.dedent(KEYS_ACTION))
        params = stdio_params(data, "--app", "demo_keys", "--external-user-id", "kim", "--environment", "production")
        params.env.update({"MCP_GATEWAY_CUSTOM_TOOLS_DIR": str(tools), "MCP_GATEWAY_PRIVATE_NETWORKS": "127.0.0.0/8"})
        async with Client(params, mode="legacy") as client:
            missing = await client.call_tool("custom.demo_keys-check", {})
            command = shlex.join([
                f"MCP_GATEWAY_DATA_DIR={data}", f"MCP_GATEWAY_CUSTOM_TOOLS_DIR={tools}", "uvx", "--from", str(ROOT),
                "mcp-gateway", "accounts", "add", "--app", "demo_keys", "--project-id", "proj_local",
                "--environment", "production", "--external-user-id", "kim",
            ])
            assert missing.is_error is False
            assert missing.content[0].text == (
                "User 'kim' has no connected Demo Keys account. Ask them to connect their Demo Keys account, then try "
                "again.\n\nThis stdio server has no Connect Link to offer (set MCP_GATEWAY_PUBLIC_URL to a gateway "
                f"served on the same database for one).\n\nTo connect it from a terminal on this machine, run:\n{command}"
                '\n\nand type the Demo Keys credentials as one JSON object, such as {"api_key": "..."}, then end the '
                "input (Ctrl-D). Then call the tool again."
            )
            # Run as printed; `uvx --from` the checkout runs this checkout's `mcp-gateway`, as `python -m` does.
            words = shlex.split(command)
            assignments, runner, args = words[:2], words[2:6], words[6:]
            assert runner == ["uvx", "--from", str(ROOT), "mcp-gateway"]
            added = await asyncio.to_thread(
                subprocess.run, [sys.executable, "-m", "mcp_gateway", *args], input='{"api_key": "key-for-stdio"}',
                env={**os.environ, **dict(a.split("=", 1) for a in assignments)}, capture_output=True, text=True, check=True,
            )
            assert json.loads(added.stdout)["external_user_id"] == "kim"
            again = await client.call_tool("custom.demo_keys-check", {})
        assert again.is_error is False, again.content[0].text
        assert again.structured_content["ret"] == {"user": "key-user", "id": "k-42"}


def test_stdio_rejects_unknown_apps(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "mcp_gateway", "stdio", "--app", "nosuch"],
        capture_output=True, text=True, env={**os.environ, "MCP_GATEWAY_DATA_DIR": str(tmp_path)}, stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 2
    assert "unknown app 'nosuch'" in run.stderr


@pytest.mark.skipif(shutil.which("uvx") is None, reason="uv is installed by the test extras")
async def test_uvx_from_checkout_serves_every_app(tmp_path, uv_cache):
    """`uvx --from <checkout>` builds the wheel: every app in tools/ must ship inside it."""
    params = stdio_params(tmp_path / "data", "--from", str(ROOT), "mcp-gateway", "stdio", "--app", "http,github", command=shutil.which("uvx"))
    params.env.update({"UV_CACHE_DIR": str(uv_cache), "UV_TOOL_DIR": str(tmp_path / "uv-tools")})
    async with Client(params, mode="legacy", read_timeout_seconds=300) as client:
        tools = await client.list_tools()
        names = {t.name for t in tools.tools}
        assert "http-send-request" in names and "github-create-issue" in names


class RawStdio:
    """`mcp-gateway stdio` driven line by line, to see every message it sends."""

    def __init__(self, data_dir: Path, *args: str) -> None:
        env = {**os.environ, "MCP_GATEWAY_DATA_DIR": str(data_dir), "MCP_GATEWAY_PACKS": "0",
               "MCP_GATEWAY_CUSTOM_TOOLS_DIR": str(ROOT / "tests" / "conformance" / "tools")}
        self.process = subprocess.Popen([sys.executable, "-m", "mcp_gateway", "stdio", *args], env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(self, message: dict) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()

    def receive(self) -> dict:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()  # the process is killed at the test's end if it hangs
        assert line, "the server closed stdout"
        return json.loads(line)

    def close(self) -> None:
        self.process.kill()
        self.process.wait(10)


def test_stdio_runs_send_progress_and_ask_the_client(tmp_path):
    server = RawStdio(tmp_path, "--app", "conformance", "--external-user-id", "me")
    try:
        server.send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {"elicitation": {}},
            "clientInfo": {"name": "raw", "version": "1"}}})
        assert server.receive()["result"]["capabilities"]["logging"] == {}
        server.send({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
            "name": "test_tool_with_progress", "arguments": {}, "_meta": {"progressToken": 7}}})
        progress = [server.receive() for _ in range(3)]
        assert [p["params"]["progress"] for p in progress] == [0, 50, 100]
        assert server.receive()["id"] == 1  # the response after its progress
        server.send({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {
            "name": "test_elicitation", "arguments": {"message": "Who?"}}})
        request = server.receive()
        assert request["method"] == "elicitation/create" and request["params"]["message"] == "Who?"
        server.send({"jsonrpc": "2.0", "id": request["id"],
                     "result": {"action": "accept", "content": {"username": "ada", "email": "ada@example.com"}}})
        answer = server.receive()
        assert answer["id"] == 2 and "ada@example.com" in answer["result"]["content"][0]["text"]
        # A call the client cancels gets no response.
        server.send({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {
            "name": "test_elicitation", "arguments": {"message": "Still there?"}}})
        assert server.receive()["method"] == "elicitation/create"
        server.send({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 3}})
        server.send({"jsonrpc": "2.0", "id": 4, "method": "ping"})
        assert server.receive() == {"jsonrpc": "2.0", "id": 4, "result": {}}
    finally:
        server.close()
