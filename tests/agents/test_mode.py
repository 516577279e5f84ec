"""Sub-agent mode's surface: one `instruction` tool per action, arguments checked before any model call."""

from __future__ import annotations

import pytest

from mcp_gateway.agents import LLMConfig, make_provider
from mcp_gateway.catalog import tool_name
from mcp_gateway.mcp.tools import ToolsOnly, UnknownTool
from tests.llm_server import Turn


def test_each_action_is_one_tool_taking_only_an_instruction(gateway, make_mode, provider):
    mode = make_mode(provider)
    tools = mode.toolset(("slack", "google_sheets")).tools
    actions = gateway.catalog.actions_of("slack") + gateway.catalog.actions_of("google_sheets")
    tools_only = ToolsOnly(gateway.catalog, gateway.runtime).toolset(("slack", "google_sheets"))
    assert [t["name"] for t in tools] == [tool_name(a) for a in actions] == list(tools_only.by_name)

    add_row = next(t for t in tools if t["name"] == "google_sheets-add-single-row")
    action = gateway.catalog.action("google_sheets-add-single-row")
    assert add_row["description"] == action.description
    assert add_row["title"] == action.name
    assert add_row["annotations"] == action.annotations.to_mcp(action.name)
    schema = add_row["inputSchema"]
    assert schema["type"] == "object"
    assert schema["required"] == ["instruction"]
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == ["instruction"]
    assert schema["properties"]["instruction"]["type"] == "string"
    assert "Google Sheets" in schema["properties"]["instruction"]["description"]
    assert mode.toolset(("slack", "google_sheets")) is mode.toolset(("slack", "google_sheets"))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, "slack-send-message needs `instruction`"),
        ({"instruction": "   "}, "slack-send-message needs `instruction`"),
        ({"instruction": 42}, "slack-send-message needs `instruction`"),
        ({"instruction": "post hi", "channel": "C1"}, "slack-send-message takes only `instruction`, not channel"),
    ],
)
async def test_bad_arguments_are_refused_without_asking_the_model(llm, make_mode, provider, project, arguments, message):
    llm.script()
    result = await make_mode(provider).call(("slack",), project.caller(), "slack-send-message", arguments)
    assert result["isError"] is True
    assert result["content"][0]["text"].startswith(message)
    assert llm.requests == []


async def test_unknown_tool(make_mode, provider, project):
    with pytest.raises(UnknownTool, match="unknown tool 'slack-post'"):
        await make_mode(provider).call(("slack",), project.caller(), "slack-post", {"instruction": "hi"})
    with pytest.raises(UnknownTool):  # an action of an app that was not selected
        await make_mode(provider).call(("slack",), project.caller(), "google_sheets-add-single-row", {"instruction": "hi"})


async def test_an_openai_compatible_server_without_a_key(llm, make_mode, project):
    provider = make_provider(LLMConfig("openai-compatible", "qwen2.5-7b-instruct", base_url=llm.openai_url, max_retries=0))
    llm.script(lambda r: Turn(calls=[("fail", {"reason": "no channel named"})]))
    result = await make_mode(provider).call(("slack",), project.caller(), "slack-send-message", {"instruction": "post hi"})
    assert result["content"][0]["text"] == "Could not do this: no channel named"
    request = llm.requests[0]
    assert "authorization" not in request.headers
    assert request.body["model"] == "qwen2.5-7b-instruct"
    assert request.body["max_tokens"] == 4096 and "max_completion_tokens" not in request.body
    assert request.body["messages"][0]["role"] == "system"
    assert request.body["tools"][0] == {
        "type": "function",
        "function": {
            "name": "get_props",
            "description": request.body["tools"][0]["function"]["description"],
            "parameters": {"type": "object", "properties": {}, "additionalProperties": False},
        },
    }


async def test_tool_arguments_that_are_not_json_go_back_to_the_model(llm, make_mode, project):
    """Some OpenAI-compatible servers emit broken arguments; the model is told and can try again."""
    provider = make_provider(LLMConfig("openai-compatible", "local", base_url=llm.openai_url, max_retries=0))
    broken = {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "local",
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": None,
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_options", "arguments": "{prop: channel"}}],
        }}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }

    def retry(request):
        # The broken call is echoed back as it was sent, with an error result.
        assert request.messages[-2]["tool_calls"][0]["function"]["arguments"] == "{prop: channel"
        assert request.last_result("get_options")["error"].startswith("get_options: the arguments are not valid JSON")
        return Turn(calls=[("fail", {"reason": "gave up"})])

    llm.script(lambda r: broken, retry)
    result = await make_mode(provider).call(("slack",), project.caller(), "slack-send-message", {"instruction": "post hi"})
    assert result["content"][0]["text"] == "Could not do this: gave up"
