"""Every client configuration the gateway hands out (the catalog page's, the README's) starts this
gateway, never the unrelated package that PyPI has under the name `mcp-gateway`: each is parsed as
its client would parse it, then its command is run or its URL called."""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

import mcp_gateway.web.catalog as catalog_page
from mcp_gateway.config import load_secret_key
from mcp_gateway.web.catalog import SOURCE_PLACEHOLDER, stdio_environment
from tests.support import GatewayServer, gateway_settings

ROOT = Path(__file__).resolve().parents[2]
# The venv's own uv when its bin folder is not on PATH.
UVX = shutil.which("uvx", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
USER = "ada@example.com"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("gateway")
    # The secret key in the data dir, as `mcp-gateway serve` keeps it: stdio finds it there too.
    gateway = GatewayServer(gateway_settings(data_dir, secret_key=load_secret_key(data_dir))).start()
    yield gateway
    gateway.stop()


def catalog_page_text(server: GatewayServer, **params: str) -> str:
    response = httpx.get(f"{server.url}/catalog", params={"app": "github", "user": USER, **params})
    assert response.status_code == 200
    return response.text


def page_snippets(server: GatewayServer, **params: str) -> dict[str, Any]:
    """The page's configuration blocks, by client, as JSON."""
    blocks = re.findall(r"<pre id=config-(\w+)>(.*?)</pre>", catalog_page_text(server, **params), re.S)
    return {client: json.loads(html.unescape(block)) for client, block in blocks}


def readme_snippet(data_dir: Path) -> dict[str, Any]:
    """The README's stdio configuration, its placeholders filled in as the README says."""
    blocks = [b for b in re.findall(r"```json\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
              if "mcpServers" in b and "\"command\"" in b]
    assert len(blocks) == 1
    filled = blocks[0].replace("/path/to/mcp-gateway", str(ROOT)).replace("/path/to/data-dir", str(data_dir))
    return json.loads(filled)


def assert_starts_this_gateway(args: list[str]) -> None:
    """`uvx --from <a checkout or git URL> mcp-gateway ...`: never the index's `mcp-gateway`."""
    flag, source, command = args[:3]
    assert (flag, command) == ("--from", "mcp-gateway"), args
    assert source.startswith("git+") or Path(source).is_absolute(), source
    assert args.count("mcp-gateway") == 1, args


SNIPPETS = {
    "catalog page": lambda server, project: page_snippets(server, project_id=project["project_id"])["claude"],
    "catalog page, no project chosen": lambda server, project: page_snippets(server)["claude"],
    "README": lambda server, project: readme_snippet(server.settings.data_dir),
}


@pytest.mark.parametrize("origin", SNIPPETS)
async def test_the_stdio_snippet_starts_this_gateway_on_the_servers_data(server, project, uv_cache, origin):
    (config,) = SNIPPETS[origin](server, project)["mcpServers"].values()
    assert config["command"] == "uvx"
    assert_starts_this_gateway(config["args"])
    assert {"--project-id", "--environment", "--external-user-id"} <= set(config["args"])
    assert config["env"]["MCP_GATEWAY_DATA_DIR"] == str(server.settings.data_dir)
    # The machine's environment (certificates, proxies) and the shared uv cache, but gateway
    # settings only from the snippet.
    machine = {name: value for name, value in os.environ.items() if not name.startswith("MCP_GATEWAY_")}
    env = {**machine, **config["env"], "UV_CACHE_DIR": str(uv_cache)}
    params = StdioServerParameters(command=UVX, args=config["args"], env=env)
    async with Client(params, mode="legacy", read_timeout_seconds=300) as client:
        tools = await client.list_tools()
    assert "github-get-repository" in {t.name for t in tools.tools}


def test_the_catalog_page_fills_in_the_project_and_the_account_command(server, project):
    page = catalog_page_text(server, project_id=project["project_id"])
    claude = page_snippets(server, project_id=project["project_id"])["claude"]["mcpServers"]["github"]
    assert claude["args"] == ["--from", str(ROOT), "mcp-gateway", "stdio", "--app", "github", "--project-id",
                              project["project_id"], "--environment", "development", "--external-user-id", USER]
    assert claude["env"] == {"MCP_GATEWAY_DATA_DIR": str(server.settings.data_dir)}
    assert "id=source-note" not in page and "id=env-note" not in page
    (add_account,) = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", page) if "accounts add" in c]
    words = shlex.split(add_account)
    assert words[0] == f"MCP_GATEWAY_DATA_DIR={server.settings.data_dir}" and words[1] == "uvx"
    assert_starts_this_gateway(words[2:])
    local = page_snippets(server)["claude"]["mcpServers"]["github"]["args"]
    assert local[local.index("--project-id") + 1] == "proj_local"


@pytest.mark.parametrize("client", ["cursor", "openai"])
async def test_the_url_snippet_reaches_the_gateway_with_its_headers(server, project, client):
    snippet = page_snippets(server, project_id=project["project_id"])[client]
    if client == "cursor":
        snippet = snippet["mcpServers"]["github"]
        assert snippet["type"] == "http"
    url = snippet.get("url") or snippet["server_url"]
    scheme, _placeholder = snippet["headers"]["Authorization"].split(" ", 1)
    headers = {**snippet["headers"], "Authorization": f"{scheme} {server.token(project)}"}
    async with Client(streamable_http_client(url, http_client=httpx2.AsyncClient(headers=headers, timeout=30)),
                      mode="legacy") as mcp:
        tools = await mcp.list_tools()
    assert "github-get-repository" in {t.name for t in tools.tools}


def test_an_installed_gateway_names_the_checkout_it_was_built_from(uv_cache, tmp_path):
    """Run from a wheel, the gateway finds its source in the package's PEP 610 record."""
    found = subprocess.run(  # not in the checkout: `python -c` would import the package from there
        [UVX, "--from", str(ROOT), "python", "-c", "from mcp_gateway.web.catalog import uvx_source; print(uvx_source())"],
        capture_output=True, text=True, env={**os.environ, "UV_CACHE_DIR": str(uv_cache)}, cwd=tmp_path, timeout=300,
        check=True,
    )
    assert found.stdout.strip() == str(ROOT)


def test_without_a_known_source_the_page_says_what_to_fill_in(server, monkeypatch):
    monkeypatch.setattr(catalog_page, "uvx_source", lambda: None)
    page = catalog_page_text(server)
    args = page_snippets(server)["claude"]["mcpServers"]["github"]["args"]
    assert args[:3] == ["--from", SOURCE_PLACEHOLDER, "mcp-gateway"]
    assert "id=source-note" in page and "someone else" in page


def test_the_page_names_the_secrets_stdio_needs_without_showing_them(tmp_path):
    settings = gateway_settings(tmp_path, database_url="postgresql+asyncpg://gateway:hunter2@db.internal/gateway",
                                custom_tools_dir=tmp_path / "custom")
    env, withheld = stdio_environment(settings)
    assert env == {"MCP_GATEWAY_DATA_DIR": str(tmp_path), "MCP_GATEWAY_CUSTOM_TOOLS_DIR": str(tmp_path / "custom")}
    # The key is the test's own, not the data dir's; the database is elsewhere, behind a password.
    assert withheld == ["MCP_GATEWAY_DATABASE_URL", "MCP_GATEWAY_SECRET_KEY"]


def test_uv_rebuilds_the_checkout_when_any_file_it_ships_changes():
    """uv reuses a build of `--from <checkout>` until a cache key's file changes."""
    keys = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["uv"]["cache-keys"]
    patterns = [key["file"] for key in keys if "file" in key]
    shipped = [path.relative_to(ROOT).as_posix() for folder in ("mcp_gateway", "tools")
               for path in (ROOT / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts]
    # `**/` also matches no folder at all, as in uv's globs.
    unkeyed = [name for name in shipped if not any(fnmatch(name, p) or fnmatch(name, p.replace("**/", "")) for p in patterns)]
    assert unkeyed == []
