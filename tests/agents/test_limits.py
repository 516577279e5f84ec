"""Every way the loop ends without a run is one clear error result: the model gives up, a limit
is reached (model calls, time, tokens), or the provider fails. The API key never shows."""

from __future__ import annotations

import logging
import time

import pytest

from mcp_gateway.agents import Limits
from tests.agents.conftest import LLM_KEY
from tests.llm_server import ApiError, Turn

SEND = "slack-send-message"


def text_of(result: dict) -> str:
    return result["content"][0]["text"]


async def test_fail_from_the_model_becomes_the_message(provider, llm, make_mode, project, upstream):
    reason = "There is no Slack channel named #deploy; the channels are #general and #deploys."
    llm.script(lambda r: Turn(calls=[("get_props", {})]), lambda r: Turn(calls=[("fail", {"reason": reason})]))
    result = await make_mode(provider).call(("slack",), project.caller(), SEND, {"instruction": "post hi in #deploy"})
    assert result["isError"] is True
    assert text_of(result) == f"Could not do this: {reason}"
    assert result["structuredContent"] == {"error": f"Could not do this: {reason}", "stop": "fail", "configured_props": {}}
    assert not upstream.calls


async def test_a_text_reply_is_nudged_back_to_the_tools(provider, llm, make_mode, project, upstream):
    def after_nudge(request):
        assert request.messages[-1]["role"] == "user"
        assert "Nobody reads text replies" in str(request.messages[-1]["content"])
        return Turn(calls=[("fail", {"reason": "Which channel?"})])

    llm.script(lambda r: Turn(text="Which channel should I post to?"), after_nudge)
    result = await make_mode(provider).call(("slack",), project.caller(), SEND, {"instruction": "post hi"})
    assert text_of(result) == "Could not do this: Which channel?"


async def test_step_limit(provider, llm, make_mode, project, upstream):
    llm.script(
        lambda r: Turn(calls=[("set_props", {"values": {"text": "hi"}})]),
        lambda r: Turn(calls=[("get_props", {})]),
        lambda r: pytest.fail("a third model call was made"),
    )
    result = await make_mode(provider, Limits(max_steps=2)).call(("slack",), project.caller(), SEND, {"instruction": "post hi"})
    assert result["isError"] is True
    assert text_of(result).startswith(
        "The sub-agent stopped after 2 model calls, its limit, without finishing. "
        "slack-send-message was not run. Still missing: channel."
    )
    assert "- Text: hi" in text_of(result)
    assert result["structuredContent"]["stop"] == "max_steps"
    assert result["structuredContent"]["configured_props"] == {"text": "hi"}
    assert len(llm.requests) == 2


async def test_time_limit(provider, llm, make_mode, project, upstream):
    llm.script(lambda r: Turn(calls=[("get_props", {})], delay=3))
    started = time.monotonic()
    result = await make_mode(provider, Limits(timeout=0.5)).call(("slack",), project.caller(), SEND, {"instruction": "post hi"})
    assert time.monotonic() - started < 2
    assert result["isError"] is True
    assert text_of(result).startswith("The sub-agent did not finish within 0.5 s. slack-send-message was not run.")
    assert result["structuredContent"]["stop"] == "timeout"


async def test_token_budget(provider, llm, make_mode, project, upstream):
    llm.script(
        lambda r: Turn(calls=[("get_props", {})], input_tokens=900, output_tokens=150),
        lambda r: pytest.fail("the model was asked again over budget"),
    )
    result = await make_mode(provider, Limits(max_tokens=1000)).call(("slack",), project.caller(), SEND, {"instruction": "post hi"})
    assert result["isError"] is True
    assert text_of(result).startswith("The sub-agent used 1050 tokens, its budget of 1000, without finishing.")
    assert result["structuredContent"]["stop"] == "token_budget"
    # One answer may not generate more than what is left of the budget.
    body = llm.requests[0].body
    assert (body.get("max_tokens") or body.get("max_completion_tokens")) == 1000


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (401, "HTTP 401"),
        (529, "overloaded or failing"),
        (503, "overloaded or failing"),
        (429, "rate limiting"),
    ],
)
async def test_provider_errors_become_clear_results_without_the_key(
    provider, llm, make_mode, project, upstream, caplog, status, expected
):
    caplog.set_level(logging.DEBUG)
    # Providers do echo keys in errors (OpenAI's 401 names the key it got).
    llm.script(lambda r: ApiError(status, f"Incorrect API key provided: {LLM_KEY}. You can find your API key in the console."))
    result = await make_mode(provider).call(("slack",), project.caller(), SEND, {"instruction": "post hi"})
    assert result["isError"] is True
    text = text_of(result)
    assert text.startswith(f"The sub-agent's language model could not be used: {provider.name} answered HTTP {status}")
    assert expected in text
    assert "slack-send-message was not run" in text
    assert result["structuredContent"]["stop"] == "provider"
    assert LLM_KEY not in str(result)
    assert LLM_KEY not in caplog.text
    assert LLM_KEY not in repr(provider)
    assert not upstream.calls


async def test_unreachable_provider(make_mode, project, upstream):
    from mcp_gateway.agents import LLMConfig, make_provider
    from tests.support import free_port

    provider = make_provider(LLMConfig("anthropic", "claude-haiku-4-5", api_key=LLM_KEY,
                                       base_url=f"http://127.0.0.1:{free_port()}", max_retries=0))
    result = await make_mode(provider).call(("slack",), project.caller(), SEND, {"instruction": "post hi"})
    assert result["isError"] is True
    assert text_of(result).startswith("The sub-agent's language model could not be used: could not reach anthropic")
    assert LLM_KEY not in str(result)
