"""Sub-agent mode through the MCP endpoint: a gateway configured with an LLM provider (the
scripted server, spoken to by the real SDKs) in both protocol eras and over legacy SSE; and a
gateway without one, which says which settings to set."""

from __future__ import annotations

import json

import httpx
import pytest
from mcp import Client
from mcp.client.sse import sse_client

from tests.agents.test_slack_lookup import DEPLOYS, TS, mock_slack, option_labelled
from tests.e2e.test_mcp_transports import streamable
from tests.llm_server import LLMRequest, ScriptedLLM, Turn
from tests.support import GatewayServer, gateway_settings

SLACK_TOKEN = "xoxp-e2e-sub-agent-token"


@pytest.fixture(scope="module")
def llm():
    server = ScriptedLLM().start()
    yield server
    server.stop()


@pytest.fixture(scope="module", params=["anthropic", "openai-compatible"])
def agent_server(request, tmp_path_factory, llm):
    provider = request.param
    settings = gateway_settings(
        tmp_path_factory.mktemp("sub-agent"),
        llm_provider=provider,
        llm_api_key="sk-e2e-not-a-real-key-0000000000",
        llm_base_url=llm.anthropic_url if provider == "anthropic" else llm.openai_url,
        llm_model="claude-haiku-4-5" if provider == "anthropic" else "local-model",
        default_tool_mode="sub-agent",
    )
    server = GatewayServer(settings).start()
    project = server.create_project()
    project["token"] = server.token(project)
    server.add_account(project["project_id"], "agent-user", "slack", {"oauth_access_token": SLACK_TOKEN})
    yield server, project
    server.stop()


def headers(project, **extra):
    return {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
            "x-pd-environment": "development", "x-pd-external-user-id": "agent-user", "x-pd-app-slug": "slack", **extra}


def script(llm: ScriptedLLM) -> None:
    def look_up(request: LLMRequest) -> Turn:
        return Turn(calls=[("get_options", {"prop": "channel"})])

    def send(request: LLMRequest) -> Turn:
        value = option_labelled(request.last_result("get_options")["options"], "#deploys")
        return Turn(calls=[("set_props", {"values": {"channel": value, "text": "Deploy finished"}}), ("run", {})])

    llm.script(look_up, send)


@pytest.mark.parametrize("transport", ["2025", "2026-07-28", "sse"])
async def test_sub_agent_mode_is_the_default_with_a_provider(agent_server, llm, respx_mock, transport):
    server, project = agent_server
    respx_mock.route(host="127.0.0.1").pass_through()
    _, post = mock_slack(respx_mock)
    script(llm)
    if transport == "sse":
        client = Client(sse_client(server.url + "/", headers=headers(project)), mode="legacy")
    else:
        client = Client(streamable(server.url + "/", headers(project)), mode="legacy" if transport == "2025" else transport)
    async with client:
        tools = await client.list_tools()
        send_tool = next(t for t in tools.tools if t.name == "slack-send-message")
        assert send_tool.input_schema["required"] == ["instruction"]
        assert list(send_tool.input_schema["properties"]) == ["instruction"]
        result = await client.call_tool("slack-send-message", {"instruction": "Tell #deploys the deploy finished"})
    assert result.is_error is False, result.content[0].text
    assert result.content[0].text.startswith(f"Sent a message to {DEPLOYS} (ts {TS})")
    assert json.loads(post.calls.last.request.content) == {"channel": DEPLOYS, "text": "Deploy finished"}
    assert post.calls.last.request.headers["authorization"] == f"Bearer {SLACK_TOKEN}"
    assert llm.remaining == 0


async def test_without_a_provider_sub_agent_requests_name_the_settings(server, project, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    h = {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
         "x-pd-environment": "development", "x-pd-external-user-id": "u", "x-pd-app-slug": "http"}
    async with Client(streamable(server.url + "/", h), mode="legacy") as client:
        tools = await client.list_tools()  # tools-only is the default without a provider
        assert "instruction" not in next(iter(tools.tools)).input_schema["properties"]
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
    sub = {**h, "x-pd-tool-mode": "sub-agent", "Accept": "application/json, text/event-stream"}
    opened = httpx.post(server.url + "/", json=init, headers=sub)
    listed = httpx.post(server.url + "/", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                        headers={**sub, "Mcp-Session-Id": opened.headers["mcp-session-id"]}).json()
    assert "MCP_GATEWAY_LLM_PROVIDER" in listed["error"]["message"]
