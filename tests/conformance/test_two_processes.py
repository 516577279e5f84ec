"""The protocol across gateway processes, as a deployment runs it: two `mcp-gateway serve`
processes on one database and one Redis, and no sticky routing, so that each message of a flow
reaches the other process than the one before.

- 2026-07-28 multi round-trip requests: a `requestState` sealed by one process is opened by the
  other; one altered, forged, expired or moved to another call is refused.
- 2025 sessions: the gateway's own request to the client (elicitation) goes out on the call's
  stream from one process, the client's reply is POSTed to the other, and the call completes;
  a `notifications/cancelled` POSTed to the other process stops a call.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.serve_process import ServeProcess

TOOLS_DIR = Path(__file__).parent / "tools"
MODERN = "2026-07-28"
SESSION_VERSION = "2025-11-25"
ACCEPT = "application/json, text/event-stream"


class Gateways:
    def __init__(self, data_dir: Path, redis_url: str) -> None:
        settings = {"CUSTOM_TOOLS_DIR": str(TOOLS_DIR), "REDIS_URL": redis_url, "PACKS": "0"}
        self.a = ServeProcess(data_dir, **settings)
        self.b = ServeProcess(data_dir, **settings)
        self.mcp_url: dict[str, str] = {}

    def start(self) -> None:
        self.a.start()
        self.b.start()
        project = self.a.create_project()
        made = subprocess.run(
            [sys.executable, "-m", "mcp_gateway", "keys", "create", "--project-id", project["project_id"],
             "--environment", "development", "--external-user-id", "two-processes", "--apps", "conformance", "--url"],
            capture_output=True, text=True, env=self.a.env, timeout=60, check=True)
        key = json.loads(made.stdout)["key"]
        self.mcp_url = {"a": f"{self.a.url}/k/{key}/mcp", "b": f"{self.b.url}/k/{key}/mcp"}

    def stop(self) -> None:
        self.a.kill()
        self.b.kill()


@pytest.fixture(scope="module")
def gateways(tmp_path_factory: pytest.TempPathFactory, redis_server: Any) -> Iterator[Gateways]:
    pair = Gateways(tmp_path_factory.mktemp("two-processes"), redis_server.url)
    try:
        pair.start()
        yield pair
    finally:
        pair.stop()


def modern_call(url: str, name: str, arguments: dict[str, Any] | None = None, *, capabilities: dict[str, Any] | None = None,
                request_id: int = 1, **params: Any) -> httpx.Response:
    meta = {"io.modelcontextprotocol/protocolVersion": MODERN,
            "io.modelcontextprotocol/clientCapabilities": capabilities if capabilities is not None else {"elicitation": {}}}
    body = {"jsonrpc": "2.0", "id": request_id, "method": "tools/call",
            "params": {"name": name, "arguments": arguments or {}, "_meta": meta, **params}}
    headers = {"Accept": ACCEPT, "MCP-Protocol-Version": MODERN, "Mcp-Method": "tools/call", "Mcp-Name": name}
    return httpx.post(url, json=body, headers=headers, timeout=30)


ANSWER = {"action": "accept", "content": {"name": "Ada"}}


def test_mrtr_request_state_sealed_by_one_process_is_opened_by_the_other(gateways: Gateways) -> None:
    first = modern_call(gateways.mcp_url["a"], "test_input_required_result_elicitation")
    asked = first.json()["result"]
    assert asked["resultType"] == "input_required"
    assert asked["inputRequests"]["user_name"]["method"] == "elicitation/create"
    state = asked["requestState"]
    assert "Ada" not in state and "user_name" not in state  # sealed: the client cannot read it

    done = modern_call(gateways.mcp_url["b"], "test_input_required_result_elicitation", request_id=2,
                       inputResponses={"user_name": ANSWER}, requestState=state)
    result = done.json()["result"]
    assert result["resultType"] == "complete" and result["isError"] is False
    assert "Ada" in result["content"][0]["text"]


def test_mrtr_answers_of_earlier_rounds_travel_in_the_state_to_any_process(gateways: Gateways) -> None:
    url = gateways.mcp_url
    name = "test_input_required_result_multi_round"
    capabilities = {"elicitation": {}, "sampling": {}}
    round1 = modern_call(url["a"], name, capabilities=capabilities).json()["result"]
    assert round1["resultType"] == "input_required"
    (key1,) = round1["inputRequests"]
    round2 = modern_call(url["b"], name, capabilities=capabilities, request_id=2,
                         inputResponses={key1: _answer_for(round1["inputRequests"][key1])},
                         requestState=round1["requestState"]).json()["result"]
    assert round2["resultType"] == "input_required" and key1 not in round2["inputRequests"]
    assert round2["requestState"] != round1["requestState"]
    (key2,) = round2["inputRequests"]
    # Only the newest round's answer is sent: the first one is in the state.
    round3 = modern_call(url["a"], name, capabilities=capabilities, request_id=3,
                         inputResponses={key2: _answer_for(round2["inputRequests"][key2])},
                         requestState=round2["requestState"]).json()["result"]
    assert round3["resultType"] == "complete", round3


def test_mrtr_an_altered_or_forged_state_is_refused_by_every_process(gateways: Gateways) -> None:
    name = "test_input_required_result_elicitation"
    state = modern_call(gateways.mcp_url["a"], name).json()["result"]["requestState"]
    key_id, _, body = state.partition(".")
    flipped = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    for bad in (state + "-TAMPERED", f"{key_id}.{flipped}", "forged.AAAA", "x" * 40):
        for process in ("a", "b"):
            refused = modern_call(gateways.mcp_url[process], name, request_id=5, inputResponses={"user_name": ANSWER},
                                  requestState=bad)
            assert refused.status_code == 400, refused.text
            error = refused.json()["error"]
            assert error["code"] == -32602 and "requestState" in error["message"]
            assert "start over" in error["message"]


def test_mrtr_a_state_is_good_for_its_own_call_only(gateways: Gateways) -> None:
    url = gateways.mcp_url
    state = modern_call(url["a"], "test_elicitation", {"message": "Who are you?"}).json()["result"]["requestState"]
    other_arguments = modern_call(url["b"], "test_elicitation", {"message": "Something else?"}, request_id=2,
                                  inputResponses={"elicitation-1": ANSWER}, requestState=state)
    assert other_arguments.status_code == 400
    assert "belongs to another request" in other_arguments.json()["error"]["message"]
    other_tool = modern_call(url["b"], "test_input_required_result_elicitation", request_id=3,
                             inputResponses={"user_name": ANSWER}, requestState=state)
    assert other_tool.status_code == 400 and "belongs to another request" in other_tool.text


def _answer_for(request: dict[str, Any]) -> dict[str, Any]:
    if request["method"] == "sampling/createMessage":
        return {"role": "assistant", "content": {"type": "text", "text": "Paris"}, "model": "test-model",
                "stopReason": "endTurn"}
    properties = request["params"]["requestedSchema"].get("properties", {})
    return {"action": "accept", "content": {field: "value" for field in properties}}


# 2025 sessions


def initialize(url: str, capabilities: dict[str, Any]) -> str:
    response = httpx.post(url, headers={"Accept": ACCEPT}, timeout=30, json={
        "jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": SESSION_VERSION, "capabilities": capabilities,
                   "clientInfo": {"name": "two-processes", "version": "1"}}})
    assert response.status_code == 200, response.text
    session = response.headers["mcp-session-id"]
    notified = httpx.post(url, headers={"Accept": ACCEPT, "Mcp-Session-Id": session, "MCP-Protocol-Version": SESSION_VERSION},
                          json={"jsonrpc": "2.0", "method": "notifications/initialized"}, timeout=30)
    assert notified.status_code == 202
    return session


class StreamedCall:
    """A tools/call POSTed with its answer read as an event stream, on a thread, message by message."""

    def __init__(self, url: str, session: str, name: str, arguments: dict[str, Any], request_id: int = 1) -> None:
        self.messages: list[dict[str, Any]] = []
        self._read_so_far = 0
        self._arrived = threading.Condition()
        self._done = False
        self._thread = threading.Thread(target=self._read, args=(url, session, name, arguments, request_id), daemon=True)
        self._thread.start()

    def _read(self, url: str, session: str, name: str, arguments: dict[str, Any], request_id: int) -> None:
        headers = {"Accept": ACCEPT, "Mcp-Session-Id": session, "MCP-Protocol-Version": SESSION_VERSION}
        body = {"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": {"name": name, "arguments": arguments}}
        try:
            with httpx.stream("POST", url, json=body, headers=headers, timeout=60) as response:
                if response.headers["content-type"].startswith("application/json"):  # nothing came before the answer
                    with self._arrived:
                        self.messages.append(json.loads(response.read()))
                    return
                for line in response.iter_lines():
                    if line.startswith("data: "):
                        with self._arrived:
                            self.messages.append(json.loads(line[6:]))
                            self._arrived.notify_all()
        finally:
            with self._arrived:
                self._done = True
                self._arrived.notify_all()

    def next_message(self, timeout: float = 30) -> dict[str, Any]:
        with self._arrived:
            seen = self._read_so_far
            self._arrived.wait_for(lambda: len(self.messages) > seen or self._done, timeout)
            if len(self.messages) == seen:
                raise AssertionError("the stream ended, or nothing came within the time")
            self._read_so_far += 1
            return self.messages[seen]

    def ended(self, timeout: float = 30) -> bool:
        with self._arrived:
            return self._arrived.wait_for(lambda: self._done, timeout)


def test_a_session_elicitation_is_answered_through_the_other_process(gateways: Gateways) -> None:
    url = gateways.mcp_url
    session = initialize(url["a"], {"elicitation": {}})
    call = StreamedCall(url["a"], session, "test_elicitation", {"message": "Who are you?"})
    request = call.next_message()
    assert request["method"] == "elicitation/create" and request["params"]["message"] == "Who are you?"
    assert request["params"]["requestedSchema"]["required"] == ["username", "email"]
    reply = {"jsonrpc": "2.0", "id": request["id"],
             "result": {"action": "accept", "content": {"username": "ada", "email": "ada@example.com"}}}
    posted = httpx.post(url["b"], json=reply, timeout=30,
                        headers={"Accept": ACCEPT, "Mcp-Session-Id": session, "MCP-Protocol-Version": SESSION_VERSION})
    assert posted.status_code == 202
    response = call.next_message()
    assert response["id"] == 1 and response["result"]["isError"] is False
    assert "ada@example.com" in response["result"]["content"][0]["text"]
    assert call.ended()


def test_a_session_call_is_cancelled_through_the_other_process(gateways: Gateways) -> None:
    url = gateways.mcp_url
    session = initialize(url["a"], {"elicitation": {}})
    call = StreamedCall(url["a"], session, "test_elicitation", {"message": "Still there?"}, request_id=7)
    assert call.next_message()["method"] == "elicitation/create"  # the call is now waiting on the client
    cancel = {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 7, "reason": "user left"}}
    posted = httpx.post(url["b"], json=cancel, timeout=30,
                        headers={"Accept": ACCEPT, "Mcp-Session-Id": session, "MCP-Protocol-Version": SESSION_VERSION})
    assert posted.status_code == 202
    assert call.ended(), "the cancelled call's stream did not end"
    assert all("result" not in m and "error" not in m for m in call.messages)  # no response for a cancelled call


def test_a_client_without_the_capability_is_not_asked(gateways: Gateways) -> None:
    url = gateways.mcp_url
    session = initialize(url["b"], {})
    call = StreamedCall(url["b"], session, "test_elicitation", {"message": "Who are you?"})
    response = call.next_message()
    assert response["result"]["isError"] is True
    assert "did not declare the elicitation capability" in response["result"]["content"][0]["text"]
    # 2026-07-28 has an error for it, which names the capability.
    refused = modern_call(url["a"], "test_input_required_result_elicitation", capabilities={})
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == -32021 and error["data"] == {"requiredCapabilities": {"elicitation": {}}}


class ListenStream:
    """A `subscriptions/listen` stream read on a thread, message by message."""

    def __init__(self, url: str, headers: dict[str, str], request_id: Any) -> None:
        self.messages: list[dict[str, Any]] = []
        self._arrived = threading.Condition()
        self._stop = threading.Event()
        meta = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}}
        body = {"jsonrpc": "2.0", "id": request_id, "method": "subscriptions/listen",
                "params": {"_meta": meta, "notifications": {"toolsListChanged": True, "promptsListChanged": True}}}
        headers = {**headers, "Accept": ACCEPT, "MCP-Protocol-Version": MODERN, "Mcp-Method": "subscriptions/listen"}
        self._thread = threading.Thread(target=self._read, args=(url, body, headers), daemon=True)
        self._thread.start()

    def _read(self, url: str, body: dict[str, Any], headers: dict[str, str]) -> None:
        try:
            with httpx.stream("POST", url, json=body, headers=headers, timeout=60) as response:
                for line in response.iter_lines():
                    if line.startswith("data: "):
                        with self._arrived:
                            self.messages.append(json.loads(line[6:]))
                            self._arrived.notify_all()
                    if self._stop.is_set():
                        return
        except httpx.TransportError:
            if not self._stop.is_set():  # the stream broke while the test still listened
                raise

    def wait_for(self, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        with self._arrived:
            assert self._arrived.wait_for(lambda: len(self.messages) >= count, timeout), self.messages
            return list(self.messages)

    def close(self) -> None:
        self._stop.set()


def test_listen_on_one_process_hears_a_tool_list_change_made_on_the_other(gateways: Gateways) -> None:
    url = gateways.mcp_url
    headers = {"x-pd-tool-mode": "full-config", "x-pd-conversation-id": "conv-listen"}
    stream = ListenStream(url["a"], headers, request_id="listen-1")
    try:
        (ack,) = stream.wait_for(1)
        assert ack["method"] == "notifications/subscriptions/acknowledged"
        # Only what the gateway honours is acknowledged: it serves no prompts.
        assert ack["params"] == {"_meta": {"io.modelcontextprotocol/subscriptionId": "listen-1"},
                                 "notifications": {"toolsListChanged": True}}
        listed = httpx.post(url["b"], headers={**headers, "Accept": ACCEPT, "MCP-Protocol-Version": MODERN,
                                               "Mcp-Method": "tools/list"}, timeout=30,
                            json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": {
                                "io.modelcontextprotocol/protocolVersion": MODERN,
                                "io.modelcontextprotocol/clientCapabilities": {}}}}).json()["result"]
        # A full-config list changes with the conversation: not to be cached.
        assert listed["ttlMs"] == 0 and listed["cacheScope"] == "private"
        begin = next(t["name"] for t in listed["tools"] if t["name"].startswith("begin_configuration_"))
        started = httpx.post(url["b"], headers={**headers, "Accept": ACCEPT, "MCP-Protocol-Version": MODERN,
                                                "Mcp-Method": "tools/call", "Mcp-Name": begin}, timeout=30,
                             json={"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {
                                 "name": begin, "arguments": {}, "_meta": {
                                     "io.modelcontextprotocol/protocolVersion": MODERN,
                                     "io.modelcontextprotocol/clientCapabilities": {}}}})
        assert started.json()["result"]["isError"] is False
        # The call's own answer carries no list change: that is for listen streams in this revision.
        assert "list_changed" not in started.text
        changed = stream.wait_for(2)[1]
        assert changed == {"jsonrpc": "2.0", "method": "notifications/tools/list_changed",
                           "params": {"_meta": {"io.modelcontextprotocol/subscriptionId": "listen-1"}}}
    finally:
        stream.close()


def test_a_fixed_tool_list_may_be_cached(gateways: Gateways) -> None:
    listed = httpx.post(gateways.mcp_url["a"], headers={"Accept": ACCEPT, "MCP-Protocol-Version": MODERN,
                                                         "Mcp-Method": "tools/list"}, timeout=30,
                        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": {
                            "io.modelcontextprotocol/protocolVersion": MODERN,
                            "io.modelcontextprotocol/clientCapabilities": {}}}}).json()["result"]
    assert listed["ttlMs"] == 300_000 and listed["cacheScope"] == "private"
    assert "test_simple_text" in [tool["name"] for tool in listed["tools"]]
