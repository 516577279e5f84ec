"""A gateway on a temporary SQLite store, a scripted LLM server, and the real provider SDKs
pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import pytest

from mcp_gateway.agents import Limits, LLMConfig, Provider, SubAgent, make_provider
from mcp_gateway.gateway import Gateway
from mcp_gateway.mcp.subagent import SubAgentMode
from mcp_gateway.runtime.service import Caller
from tests.llm_server import ScriptedLLM
from tests.support import gateway_settings

# Looks like a real key, so a leak would be easy to spot.
LLM_KEY = "sk-test-Q3vJ9xK2mWb7TzL4pN8rYc1HdF6sGa0E"
SLACK_TOKEN = "xoxp-1234-5678-91011-00e4dd"
SHEETS_TOKEN = "ya29.test"
USER = "user-1"
MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-4.1-mini"}


@pytest.fixture(scope="session")
def llm() -> Iterator[ScriptedLLM]:
    server = ScriptedLLM().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
async def gateway(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Gateway]:
    gateway = await Gateway.open(gateway_settings(tmp_path_factory.mktemp("agents")))
    yield gateway
    await gateway.close()


@dataclass(frozen=True)
class Project:
    project_id: str

    def caller(self, user: str = USER) -> Caller:
        return Caller(self.project_id, "development", user)


@pytest.fixture(scope="module")
async def project(gateway: Gateway) -> Project:
    new = await gateway.auth.create_project("sub-agent tests")
    for app, token in (("slack", SLACK_TOKEN), ("google_sheets", SHEETS_TOKEN)):
        await gateway.accounts.add(new.project_id, "development", USER, app, {"oauth_access_token": token})
    return Project(new.project_id)


@pytest.fixture(params=["anthropic", "openai"])
def provider(request: pytest.FixtureRequest, llm: ScriptedLLM) -> Provider:
    """Each provider's real SDK client, pointed at the scripted server (no retries: errors show at once)."""
    name = request.param
    base_url = llm.anthropic_url if name == "anthropic" else llm.openai_url
    return make_provider(LLMConfig(name, MODELS[name], api_key=LLM_KEY, base_url=base_url, max_retries=0))


@pytest.fixture
def make_mode(gateway: Gateway):
    def make(provider: Provider, limits: Limits | None = None) -> SubAgentMode:
        return SubAgentMode(gateway.catalog, SubAgent(gateway.runtime, provider, limits))

    return make


@pytest.fixture
def upstream(respx_mock):
    """App APIs are simulated with respx; the LLM server on 127.0.0.1 is real."""
    respx_mock.route(host="127.0.0.1").pass_through()
    return respx_mock
