"""Custom tools from MCP_GATEWAY_CUSTOM_TOOLS_DIR: `~/` keys, listed and run like built-in ones."""

from __future__ import annotations

import textwrap

import httpx
import pytest
from mcp import Client

from mcp_gateway.catalog import CatalogError, load_catalog
from mcp_gateway.runtime.engine import run_action
from tests.e2e.test_mcp_transports import streamable
from tests.support import GatewayServer, gateway_settings

ACTION = textwrap.dedent(
    '''
    from mcp_gateway.catalog import props

    from ..app import app


    @app.action(
        "get-zen",
        title="Get Zen",
        description="Fetch GitHub's zen of the day.",
        props={"tone": props.string("Tone", "calm or loud", options=["calm", "loud"], default="calm")},
        read_only=True,
    )
    async def get_zen(ctx):
        response = await ctx.http.get("/zen")
        ctx.summary = "Fetched zen"
        return response.text.upper() if ctx.props.tone == "loud" else response.text
    '''
)


@pytest.fixture
def custom_dir(tmp_path):
    actions = tmp_path / "custom" / "github" / "actions"
    actions.mkdir(parents=True)
    (actions / "get_zen.py").write_text(ACTION)
    return tmp_path / "custom"


def test_custom_actions_join_their_app_with_the_tilde_prefix(custom_dir):
    catalog = load_catalog(custom_dir=custom_dir)
    action = catalog.action("~/github-get-zen")
    assert action.custom is True
    assert action.app is catalog.app("github")
    assert "github-create-issue" in catalog.actions


async def test_custom_action_runs_with_the_apps_auth(custom_dir, respx_mock):
    catalog = load_catalog(custom_dir=custom_dir)
    route = respx_mock.get("https://api.github.com/zen").mock(return_value=httpx.Response(200, text="Keep it simple."))
    result = await run_action(catalog.action("~/github-get-zen"), {"tone": "loud"}, auth={"oauth_access_token": "gho_x"})
    assert result.ret == "KEEP IT SIMPLE."
    assert route.calls.last.request.headers["authorization"] == "Bearer gho_x"


def test_custom_dir_with_unknown_app_is_refused(tmp_path):
    (tmp_path / "nosuchapp" / "actions").mkdir(parents=True)
    with pytest.raises(CatalogError, match="names no hand-written app"):
        load_catalog(custom_dir=tmp_path)


async def test_custom_tools_are_served_over_mcp(custom_dir, tmp_path, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    server = GatewayServer(gateway_settings(tmp_path / "data", custom_tools_dir=custom_dir)).start()
    try:
        project = server.create_project()
        token = server.token(project)
        server.add_account(project["project_id"], "u1", "github", {"oauth_access_token": "gho_custom"})
        route = respx_mock.get("https://api.github.com/zen").mock(return_value=httpx.Response(200, text="Design for failure."))
        headers = {"Authorization": f"Bearer {token}", "x-pd-project-id": project["project_id"], "x-pd-environment": "development"}
        async with Client(streamable(f"{server.url}/u1/github", headers), mode="legacy") as client:
            names = {t.name for t in (await client.list_tools()).tools}
            assert "custom.github-get-zen" in names
            result = await client.call_tool("custom.github-get-zen", {})
            assert result.is_error is False
            assert result.content[0].text == 'Fetched zen\n\nDesign for failure.'  # text is text, not JSON
        assert route.calls.last.request.headers["authorization"] == "Bearer gho_custom"
    finally:
        server.stop()
