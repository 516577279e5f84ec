"""An imported OpenAPI document works end to end: the gateway's own REST API document, imported
with `mcp-gateway apps import-openapi`, becomes an app of a second gateway, whose users call the
first gateway through it over MCP and REST with their own connected token."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from mcp import Client
from pipedream import Pipedream

from tests.e2e.test_mcp_transports import streamable
from tests.e2e.test_rest_catalog import client_options
from tests.support import GatewayServer, gateway_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gateways(tmp_path_factory):
    upstream = GatewayServer(gateway_settings(tmp_path_factory.mktemp("upstream"))).start()
    upstream_project = upstream.create_project("upstream")
    upstream_token = upstream.token(upstream_project)

    work = tmp_path_factory.mktemp("import")
    (work / "spec.json").write_text(httpx.get(f"{upstream.url}/v1/openapi.json").text)
    (work / "overrides.json").write_text(json.dumps({
        "name": "Gateway API", "base_url": upstream.url,
        "operations": {"retrieve_app": {"title": "Look Up An App", "description": "One app of the upstream catalog."},
                       "openapi_document": {"hide": True}},
    }))
    done = subprocess.run(
        [sys.executable, "-m", "mcp_gateway", "apps", "import-openapi", str(work / "spec.json"), "--slug", "gateway_api",
         "--overrides", str(work / "overrides.json"), "--dir", str(work / "tools")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    server = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"), custom_tools_dir=work / "tools",
                                                   private_networks=("127.0.0.0/8",))).start()
    project = server.create_project()
    project["token"] = server.token(project)
    server.add_account(project["project_id"], "user-1", "gateway_api", {"token": upstream_token})
    yield server, project, upstream_project
    server.stop()
    upstream.stop()


async def test_the_imported_app_is_called_over_mcp_with_the_users_token(gateways):
    server, project, _ = gateways
    headers = {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
               "x-pd-environment": "development", "x-pd-external-user-id": "user-1", "x-pd-app-slug": "gateway_api"}
    async with Client(streamable(server.url + "/", headers), mode="legacy") as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert "custom.gateway_api-openapi-document" not in tools  # hidden by the overrides
        lookup = tools["custom.gateway_api-retrieve-app"]
        assert lookup.title == "Look Up An App" and lookup.annotations.read_only_hint is True
        assert lookup.input_schema["required"] == ["app_id"]
        result = await client.call_tool("custom.gateway_api-retrieve-app", {"app_id": "github"})
        listed = await client.call_tool("custom.gateway_api-list-apps", {"q": "spreadsheet", "limit": 3})
    assert result.is_error is False, result.content[0].text
    assert result.structured_content["ret"]["data"]["name_slug"] == "github"
    assert result.content[0].text.startswith("Look Up An App: 200")
    assert "google_sheets" in [a["name_slug"] for a in listed.structured_content["ret"]["data"]]


def test_the_imported_app_runs_through_the_rest_api_and_reports_upstream_errors(gateways):
    server, project, upstream_project = gateways
    sdk = Pipedream(**client_options(server, project))
    accounts = sdk.actions.run(id="~/gateway_api-list-accounts", external_user_id="user-1", configured_props={
        "project_id": upstream_project["project_id"], "x-pd-environment": "production"})
    assert accounts.ret["data"] == [] and accounts.exports["$summary"] == "List connected accounts: 200"
    missing = sdk.actions.run(id="~/gateway_api-retrieve-app", external_user_id="user-1",
                              configured_props={"app_id": "no_such_app"})
    assert missing.ret is None
    errors = [o for o in missing.os if o.k == "error"]
    assert errors and "404" in errors[0].err.message and "no_such_app" in errors[0].err.message
