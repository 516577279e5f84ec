"""`mcp-gateway stdio` as a subprocess, driven by the official client, as Claude Desktop would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mcp import Client, StdioServerParameters

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
