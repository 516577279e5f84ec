"""Sub-agent mode looks a Slack channel up by name, then sends the message: with both providers."""

from __future__ import annotations

import json

import httpx
import pytest

from mcp_gateway.runtime.errors import AccountRequired
from tests.agents.conftest import LLM_KEY, MODELS, SLACK_TOKEN
from tests.llm_server import LLMRequest, Turn

API = "https://slack.com/api"
GENERAL, DEPLOYS = "C061EG9SL", "C0DEPLOY42"
TS = "1712345678.000200"


def channel(channel_id: str, name: str) -> dict:
    """A public channel as conversations.list returns it."""
    return {
        "id": channel_id, "name": name, "is_channel": True, "is_group": False, "is_im": False, "is_mpim": False,
        "is_private": False, "created": 1449252889, "is_archived": False, "is_general": name == "general",
        "unlinked": 0, "name_normalized": name, "is_shared": False, "is_org_shared": False, "is_ext_shared": False,
        "is_pending_ext_shared": False, "pending_shared": [], "context_team_id": "T061EG9R6",
        "updated": 1678229664302, "parent_conversation": None, "creator": "U061F7AUR", "is_member": True,
        "topic": {"value": "", "creator": "", "last_set": 0}, "purpose": {"value": "", "creator": "", "last_set": 0},
        "previous_names": [], "num_members": 4,
    }


def mock_slack(upstream):
    conversations = upstream.get(f"{API}/conversations.list").mock(return_value=httpx.Response(200, json={
        "ok": True,
        "channels": [channel(GENERAL, "general"), channel(DEPLOYS, "deploys")],
        "response_metadata": {"next_cursor": ""},
    }))
    post = upstream.post(f"{API}/chat.postMessage").mock(return_value=httpx.Response(200, json={
        "ok": True,
        "channel": DEPLOYS,
        "ts": TS,
        "message": {"type": "message", "user": "U061F7AUR", "text": "Deploy finished :rocket:", "ts": TS, "team": "T061EG9R6"},
    }))
    return conversations, post


def option_labelled(options: list[dict], label: str) -> str:
    return next(o["value"] for o in options if o["label"] == label)


async def test_channel_is_looked_up_with_get_options_then_the_message_is_sent(provider, llm, make_mode, project, upstream):
    conversations, post = mock_slack(upstream)

    def first(request: LLMRequest) -> Turn:
        assert request.tool_names == ["get_props", "get_options", "set_props", "run", "fail"]
        return Turn(calls=[("get_props", {})])

    def second(request: LLMRequest) -> Turn:
        props = {p["name"]: p for p in request.last_result("get_props")["props"]}
        assert props["channel"]["remoteOptions"] is True and props["channel"]["required"] is True
        assert request.last_result("get_props")["missing"] == ["channel", "text"]
        return Turn(text="Looking up the channel.", calls=[("get_options", {"prop": "channel"})])

    def third(request: LLMRequest) -> Turn:
        found = request.last_result("get_options")
        value = option_labelled(found["options"], "#deploys")
        return Turn(calls=[("set_props", {"values": {"channel": value, "text": "Deploy finished :rocket:"}}), ("run", {})])

    llm.script(first, second, third)
    mode = make_mode(provider)
    result = await mode.call(("slack",), project.caller(), "slack-send-message",
                             {"instruction": "Tell #deploys that the deploy finished :rocket:"})

    assert result["isError"] is False, result["content"][0]["text"]
    text = result["content"][0]["text"]
    assert text.startswith(f"Sent a message to {DEPLOYS} (ts {TS})")
    assert f"Values used:\n- Channel: {DEPLOYS} (#deploys)\n- Text: Deploy finished :rocket:" in text
    assert result["structuredContent"]["exports"] == {"$summary": f"Sent a message to {DEPLOYS} (ts {TS})"}
    assert result["structuredContent"]["ret"]["ts"] == TS
    assert result["structuredContent"]["configured_props"] == {"channel": DEPLOYS, "text": "Deploy finished :rocket:"}

    # The action sent what Slack expects, with the user's token.
    listed = conversations.calls.last.request
    assert listed.headers["authorization"] == f"Bearer {SLACK_TOKEN}"
    assert dict(listed.url.params) == {"types": "public_channel,private_channel,mpim,im", "exclude_archived": "true", "limit": "200"}
    sent = post.calls.last.request
    assert sent.headers["authorization"] == f"Bearer {SLACK_TOKEN}"
    assert json.loads(sent.content) == {"channel": DEPLOYS, "text": "Deploy finished :rocket:"}
    assert post.call_count == 1

    # What the model was asked, on the provider's wire format.
    assert llm.remaining == 0 and len(llm.requests) == 3
    first_request = llm.requests[0]
    assert first_request.body["model"] == MODELS[first_request.api]
    sent_key = first_request.headers.get("x-api-key") or first_request.headers["authorization"].removeprefix("Bearer ")
    assert sent_key == LLM_KEY
    assert "`slack-send-message`" in first_request.system and "Never invent" in first_request.system
    assert first_request.instruction == "Instruction:\nTell #deploys that the deploy finished :rocket:"
    limit = first_request.body.get("max_tokens") or first_request.body.get("max_completion_tokens")
    assert limit == 4096
    assert first_request.tools["get_options"]["schema"]["required"] == ["prop"]
    last_options = llm.requests[2].last_result("get_options")
    assert last_options["options"] == [{"label": "#general", "value": GENERAL}, {"label": "#deploys", "value": DEPLOYS}]


async def test_a_value_of_the_wrong_type_goes_back_to_the_model(provider, llm, make_mode, project, upstream):
    _, post = mock_slack(upstream)

    def fix(request: LLMRequest) -> Turn:
        answer = request.tool_results()[-1]
        assert answer["name"] == "set_props"
        assert answer["content"]["problems"] == ["channel: 42 is not of type 'string'"]
        if request.api == "anthropic":
            assert answer["is_error"] is True
        return Turn(calls=[("run", {})])

    def after_missing(request: LLMRequest) -> Turn:
        assert request.last_result("run") == {"error": "set the required props first: channel"}
        return Turn(calls=[("set_props", {"values": {"channel": GENERAL}}), ("run", {})])

    llm.script(
        lambda r: Turn(calls=[("set_props", {"values": {"channel": 42, "text": "hi"}})]),
        fix,
        after_missing,
    )
    result = await make_mode(provider).call(("slack",), project.caller(), "slack-send-message", {"instruction": "say hi in C061EG9SL"})
    assert result["isError"] is False
    assert json.loads(post.calls.last.request.content) == {"channel": GENERAL, "text": "hi"}


async def test_a_run_that_fails_upstream_is_reported_and_not_retried(provider, llm, make_mode, project, upstream):
    post = upstream.post(f"{API}/chat.postMessage").mock(
        return_value=httpx.Response(200, json={"ok": False, "error": "not_in_channel"})
    )
    llm.script(lambda r: Turn(calls=[("set_props", {"values": {"channel": GENERAL, "text": "hi"}}), ("run", {})]))
    result = await make_mode(provider).call(("slack",), project.caller(), "slack-send-message", {"instruction": "say hi in C061EG9SL"})
    assert result["isError"] is True
    text = result["content"][0]["text"]
    assert text.startswith("Error: Slack chat.postMessage failed with `not_in_channel`")
    assert f"- Channel: {GENERAL}" in text
    assert result["structuredContent"]["configured_props"] == {"channel": GENERAL, "text": "hi"}
    assert post.call_count == 1 and len(llm.requests) == 1


async def test_account_required_propagates_for_the_connect_link(provider, llm, make_mode, project, upstream):
    llm.script(
        lambda r: Turn(calls=[("get_props", {})]),
        lambda r: Turn(calls=[("get_options", {"prop": "channel"})]),
    )
    with pytest.raises(AccountRequired) as info:
        await make_mode(provider).call(("slack",), project.caller("no-accounts-yet"), "slack-send-message",
                                       {"instruction": "say hi in #general"})
    assert info.value.app_slug == "slack"
    assert "has no connected Slack account" in str(info.value)
    assert not upstream.calls
