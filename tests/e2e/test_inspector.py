"""One run of the MCP Inspector CLI against the gateway: list every hand-written app's tools and
those of a spread of pack apps (with its schema-portability check), and call a tool."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

INSPECTOR_VERSION = "2.12.0"
CACHE = Path(os.environ.get("MCP_GATEWAY_TEST_CACHE", Path.home() / ".cache" / "mcp-gateway-tests"))


@pytest.fixture(scope="module")
def inspector() -> Path:
    """The Inspector CLI, installed from npm into a cache on first use."""
    prefix = CACHE / f"inspector-{INSPECTOR_VERSION}"
    binary = prefix / "node_modules" / ".bin" / "mcp-inspector"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install the MCP Inspector; install Node.js", pytrace=False)
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent",
             f"@modelcontextprotocol/inspector@{INSPECTOR_VERSION}"],
            check=True, timeout=600,
        )
    return binary


def run_inspector(binary: Path, url: str, headers: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(binary), "--cli", url, "--transport", "http"]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    return subprocess.run(command + list(args), capture_output=True, text=True, timeout=120)


def test_inspector_lists_all_builtin_tools_portably_and_calls_one(server, project, inspector, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    catalog = server.gateway.catalog
    written = sorted({action.app.slug for action in catalog.own_actions() if not action.custom})
    # Every 40th pack app, plus GitHub Enterprise Server, which lists featured tools and its search pair.
    imported = [slug for slug, app in sorted(catalog.apps.items()) if app.source][::40] + ["github_ghes"]
    apps = written + imported
    headers = {
        "Authorization": f"Bearer {project['token']}",
        "x-pd-project-id": project["project_id"],
        "x-pd-environment": "development",
        "x-pd-external-user-id": "inspector-user",
        "x-pd-app-slug": ",".join(apps),
    }
    listed = run_inspector(inspector, server.url + "/mcp", headers, "--method", "tools/list", "--strict")
    assert listed.returncode == 0, listed.stderr
    names = {tool["name"] for tool in json.loads(listed.stdout)["tools"]}
    expected = {action.key for slug in apps for action in catalog.tool_actions(slug) if not action.custom}
    assert len(expected) > 900 and "github_ghes-search-operations" in expected
    assert expected <= names

    route = respx_mock.get("https://api.example.com/status").mock(return_value=httpx.Response(200, json={"up": True}))
    called = run_inspector(
        inspector, server.url + "/mcp", {**headers, "x-pd-app-slug": "http"},
        "--method", "tools/call", "--tool-name", "http-send-request", "--tool-arg", "url=https://api.example.com/status",
    )
    assert called.returncode == 0, called.stderr
    result = json.loads(called.stdout)
    assert result["isError"] is False
    assert result["structuredContent"]["ret"]["body"] == {"up": True}
    assert route.called


def test_inspector_drives_a_full_config_configuration(server, project, inspector, respx_mock):
    """Google Sheets add-single-row configured step by step, one Inspector process per step:
    the conversation id carries the configuration from one to the next."""
    from tests.apps.test_google_sheets import SHEETS, SID, WORKSHEETS, append_response, value_range

    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}", params={"fields": "sheets.properties"}).mock(
        return_value=httpx.Response(200, json=WORKSHEETS))
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!1:1").mock(
        return_value=httpx.Response(200, json=value_range("'Q2 Sales'!A1:Z1", [["Name", "Email"]])))
    append = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales':append").mock(
        return_value=httpx.Response(200, json=append_response("'Q2 Sales'!A1:B4", "'Q2 Sales'!A5:B5", 1, 2)))
    server.add_account(project["project_id"], "inspector-sheets", "google_sheets", {"oauth_access_token": "ya29.inspector"})
    headers = {
        "Authorization": f"Bearer {project['token']}",
        "x-pd-project-id": project["project_id"],
        "x-pd-environment": "development",
        "x-pd-external-user-id": "inspector-sheets",
        "x-pd-app-slug": "google_sheets",
        "x-pd-tool-mode": "full-config",
        "x-pd-conversation-id": "inspector-conversation",
    }

    def step(*args: str) -> dict:
        done = run_inspector(inspector, server.url + "/mcp", headers, *args)
        assert done.returncode == 0, done.stdout + done.stderr
        return json.loads(done.stdout)

    def call(tool: str, *args: str) -> dict:
        return step("--method", "tools/call", "--tool-name", tool, *args)

    assert "begin_configuration_google_sheets-add-single-row" in {t["name"] for t in step("--method", "tools/list")["tools"]}
    assert call("begin_configuration_google_sheets-add-single-row")["isError"] is False
    assert call("configure_props", "--tool-arg", f"sheetId={SID}", "--tool-arg", 'worksheetId="1638419013"',
                "--tool-arg", "hasHeaders=true")["isError"] is False
    tools = {t["name"]: t for t in step("--method", "tools/list", "--strict")["tools"]}
    assert set(tools) == {"configure_props", "list_prop_options", "abort_configuration", "run_configured_action"}
    assert {"col_0000", "col_0001"} <= set(tools["configure_props"]["inputSchema"]["properties"])
    assert call("configure_props", "--tool-arg", "col_0000=Ada", "--tool-arg", "col_0001=ada@example.com")["isError"] is False
    ran = call("run_configured_action")
    assert ran["isError"] is False and ran["content"][0]["text"].startswith("Added 1 row to Q2 Sales")
    assert json.loads(append.calls.last.request.content) == {"values": [["Ada", "ada@example.com"]]}
