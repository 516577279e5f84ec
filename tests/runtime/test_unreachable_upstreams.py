"""An action whose upstream cannot be reached fails with what net/ says went wrong: the tool error
names the host and the failure, not the exception class or errno behind it."""

from __future__ import annotations

from mcp_gateway.mcp.tools import run_result
from mcp_gateway.runtime.engine import run_action
from tests.support import LOCAL_UPSTREAMS, free_port


async def test_a_refused_port_and_an_unknown_name_are_tool_errors_that_say_so(catalog):
    port = free_port()
    refused = await run_action(catalog.action("http-send-request"), {"url": f"http://127.0.0.1:{port}/hook"},
                               egress=LOCAL_UPSTREAMS)
    assert refused.error == f"could not reach 127.0.0.1:{port}: connection refused"
    assert run_result(refused)["content"] == [{"type": "text", "text": f"Error: could not reach 127.0.0.1:{port}: connection refused"}]
    unknown = await run_action(catalog.action("http-send-request"), {"url": "https://api.example.invalid/v1/items"},
                               egress=LOCAL_UPSTREAMS)
    assert unknown.error == "could not reach api.example.invalid: the name does not resolve"


async def test_the_egress_guards_refusal_is_unchanged(catalog):
    denied = await run_action(catalog.action("http-send-request"), {"url": "http://10.0.0.7/hook"}, egress=LOCAL_UPSTREAMS)
    assert denied.error == ("url 'http://10.0.0.7/hook' resolves to 10.0.0.7, a private address; "
                            "allow it with MCP_GATEWAY_PRIVATE_NETWORKS=10.0.0.0/8")
