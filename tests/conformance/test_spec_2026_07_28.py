"""MCP 2026-07-28, requirement by requirement: a test for each MUST and SHOULD that applies to a
server, named after the spec section it comes from (`basic`, `basic/versioning`,
`basic/transports/streamable-http`, `basic/patterns/mrtr`, `basic/patterns/subscriptions`,
`server/utilities/caching`, `server/utilities/logging`, the tasks extension), against the gateway
served as it is deployed. The official suite's scenarios cover many of these too; these say
exactly which rule each check is for, and stay when the suite changes."""

from __future__ import annotations

import base64
import time
import json
from typing import Any

import httpx
import pytest

from .suite import ConformanceGateway

MODERN = "2026-07-28"
TASKS = "io.modelcontextprotocol/tasks"


class Client:
    def __init__(self, url: str) -> None:
        self.url = url
        self._next_id = 0

    def post(self, method: str, params: dict[str, Any] | None = None, *, capabilities: dict[str, Any] | None = None,
             meta: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
             name: str | None = None, accept: str = "application/json, text/event-stream") -> httpx.Response:
        self._next_id += 1
        envelope = {"io.modelcontextprotocol/protocolVersion": MODERN,
                    "io.modelcontextprotocol/clientCapabilities": capabilities if capabilities is not None else {}}
        body_params = {**(params or {}), "_meta": meta if meta is not None else envelope}
        sent = {"Accept": accept, "MCP-Protocol-Version": MODERN, "Mcp-Method": method}
        if name is not None:
            sent["Mcp-Name"] = name
        sent.update(headers or {})
        sent = {k: v for k, v in sent.items() if v is not None}
        return httpx.post(self.url, headers=sent, timeout=30,
                          json={"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": body_params})

    def call(self, tool: str, arguments: dict[str, Any] | None = None, **kw: Any) -> httpx.Response:
        return self.post("tools/call", {"name": tool, "arguments": arguments or {}, **kw.pop("extra", {})}, name=tool, **kw)


@pytest.fixture(scope="module")
def client(conformance_gateway: ConformanceGateway) -> Client:
    return Client(conformance_gateway.mcp_url)


def error_of(response: httpx.Response, status: int, code: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    return error


def events(response: httpx.Response) -> list[dict[str, Any]]:
    """The JSON-RPC messages of a response, whether JSON or an event stream."""
    if response.headers["content-type"].startswith("application/json"):
        return [response.json()]
    return [json.loads(line[6:]) for line in response.text.splitlines() if line.startswith("data: ")]


# basic: the request envelope


def test_basic_meta_a_request_without_its_required_fields_is_refused_with_invalid_params(client: Client) -> None:
    for meta in ({}, {"io.modelcontextprotocol/protocolVersion": MODERN},
                 {"io.modelcontextprotocol/clientCapabilities": {}}):
        error = error_of(client.post("tools/list", meta=meta), 400, -32602)
        assert "io.modelcontextprotocol/" in error["message"]


def test_basic_meta_a_missing_client_capability_is_refused_with_32021_naming_it(client: Client) -> None:
    error = error_of(client.call("test_input_required_result_sampling"), 400, -32021)
    assert error["data"] == {"requiredCapabilities": {"sampling": {}}}


def test_basic_meta_results_name_the_server(client: Client) -> None:
    listed = client.post("tools/list").json()["result"]
    assert listed["_meta"]["io.modelcontextprotocol/serverInfo"]["name"] == "mcp-gateway"


def test_basic_result_type_every_result_says_its_type(client: Client) -> None:
    assert client.post("tools/list").json()["result"]["resultType"] == "complete"
    assert client.call("test_simple_text").json()["result"]["resultType"] == "complete"
    asked = client.call("test_input_required_result_elicitation", capabilities={"elicitation": {}}).json()["result"]
    assert asked["resultType"] == "input_required"


def test_basic_no_connection_state_each_request_stands_alone(client: Client) -> None:
    # No initialize, no session id: the very first request is served.
    response = client.call("test_simple_text")
    assert response.status_code == 200 and "mcp-session-id" not in response.headers


# basic/versioning


def test_versioning_an_unsupported_version_is_refused_with_the_supported_ones(client: Client) -> None:
    error = error_of(client.post("tools/list", headers={"MCP-Protocol-Version": "1900-01-01"}), 400, -32022)
    assert error["data"]["requested"] == "1900-01-01"
    discovered = client.post("server/discover").json()["result"]
    assert set(error["data"]["supported"]) <= set(discovered["supportedVersions"])


def test_versioning_server_discover_is_implemented(client: Client) -> None:
    discovered = client.post("server/discover").json()["result"]
    assert discovered["supportedVersions"] == [MODERN]
    assert discovered["capabilities"]["tools"] == {"listChanged": True}
    assert discovered["capabilities"]["extensions"] == {TASKS: {}}


def test_versioning_removed_methods_are_not_found(client: Client) -> None:
    for method in ("initialize", "ping", "logging/setLevel", "tasks/result", "tasks/list"):
        error_of(client.post(method), 404, -32601)


# basic/transports/streamable-http


def test_streamable_http_mcp_method_is_required_and_must_match(client: Client) -> None:
    missing = error_of(client.post("tools/list", headers={"Mcp-Method": None}), 400, -32020)
    assert "Mcp-Method" in missing["message"]
    error_of(client.post("tools/list", headers={"Mcp-Method": "tools/call"}), 400, -32020)


def test_streamable_http_mcp_name_is_required_and_must_match_after_decoding(client: Client) -> None:
    error_of(client.post("tools/call", {"name": "test_simple_text", "arguments": {}}), 400, -32020)
    error_of(client.call("test_simple_text", headers={"Mcp-Name": "test_image_content"}), 400, -32020)
    encoded = "=?base64?" + base64.b64encode(b"test_simple_text").decode() + "?="
    assert client.call("test_simple_text", headers={"Mcp-Name": encoded}).status_code == 200


def test_streamable_http_batches_are_refused(client: Client) -> None:
    response = httpx.post(client.url, json=[{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}], timeout=30,
                          headers={"Accept": "application/json, text/event-stream", "MCP-Protocol-Version": MODERN,
                                   "Mcp-Method": "tools/list"})
    assert response.status_code == 400 and "batches" in response.json()["error"]["message"]


def test_streamable_http_notifications_go_on_the_calls_own_stream(client: Client) -> None:
    streamed = events(client.call("test_tool_with_progress", meta={
        "io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {},
        "progressToken": "p-1"}))
    progress = [m["params"] for m in streamed if m.get("method") == "notifications/progress"]
    assert [p["progress"] for p in progress] == [0, 50, 100] and {p["progressToken"] for p in progress} == {"p-1"}
    assert streamed[-1]["result"]["isError"] is False  # the response comes last


# server/utilities/logging


def test_logging_no_log_messages_without_a_requested_level(client: Client) -> None:
    streamed = events(client.call("test_tool_with_logging"))
    assert [m for m in streamed if m.get("method") == "notifications/message"] == []


def test_logging_messages_at_or_above_the_requested_level_on_the_calls_stream(client: Client) -> None:
    envelope = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}}
    info = events(client.call("test_tool_with_logging", meta={**envelope, "io.modelcontextprotocol/logLevel": "info"}))
    assert len([m for m in info if m.get("method") == "notifications/message"]) == 3
    error = events(client.call("test_tool_with_logging", meta={**envelope, "io.modelcontextprotocol/logLevel": "error"}))
    assert [m for m in error if m.get("method") == "notifications/message"] == []


def test_logging_an_unknown_level_is_refused(client: Client) -> None:
    envelope = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {},
                "io.modelcontextprotocol/logLevel": "loud"}
    error = error_of(client.call("test_simple_text", meta=envelope), 400, -32602)
    assert "logLevel" in error["message"]


# server/utilities/caching


def test_caching_hints_on_cacheable_results(client: Client) -> None:
    for method in ("server/discover", "tools/list"):
        result = client.post(method).json()["result"]
        assert isinstance(result["ttlMs"], int) and result["ttlMs"] >= 0
        assert result["cacheScope"] in ("public", "private")


def test_caching_a_fixed_tool_list_may_be_kept_and_is_private(client: Client) -> None:
    listed = client.post("tools/list").json()["result"]
    assert listed["ttlMs"] > 0 and listed["cacheScope"] == "private"


# basic/patterns/mrtr


ELICIT = {"elicitation": {}}


def test_mrtr_every_input_required_result_carries_a_request_state(client: Client) -> None:
    asked = client.call("test_input_required_result_elicitation", capabilities=ELICIT).json()["result"]
    assert asked["inputRequests"] and asked["requestState"]


def test_mrtr_input_request_keys_are_unique_within_the_request(client: Client) -> None:
    asked = client.call("test_input_required_result_multiple_inputs",
                        capabilities={"elicitation": {}, "sampling": {}, "roots": {}}).json()["result"]
    assert len(asked["inputRequests"]) == 3 and len(set(asked["inputRequests"])) == len(asked["inputRequests"])


def test_mrtr_a_state_that_fails_verification_is_refused(client: Client) -> None:
    state = client.call("test_input_required_result_elicitation", capabilities=ELICIT).json()["result"]["requestState"]
    refused = client.call("test_input_required_result_elicitation", capabilities=ELICIT, extra={
        "inputResponses": {"user_name": {"action": "accept", "content": {"name": "Eve"}}},
        "requestState": state[:-2] + ("AA" if not state.endswith("AA") else "BB")})
    error_of(refused, 400, -32602)


def test_mrtr_missing_answers_are_asked_again_not_an_error(client: Client) -> None:
    state = client.call("test_input_required_result_elicitation", capabilities=ELICIT).json()["result"]["requestState"]
    again = client.call("test_input_required_result_elicitation", capabilities=ELICIT, extra={
        "inputResponses": {"something_else": {"action": "accept", "content": {}}}, "requestState": state}).json()
    assert again["result"]["resultType"] == "input_required" and "user_name" in again["result"]["inputRequests"]


def test_mrtr_unknown_answers_are_ignored(client: Client) -> None:
    done = client.call("test_input_required_result_elicitation", capabilities=ELICIT, extra={"inputResponses": {
        "user_name": {"action": "accept", "content": {"name": "Ada"}}, "extra": {"anything": 1}}}).json()["result"]
    assert done["resultType"] == "complete" and "Ada" in done["content"][0]["text"]


def test_mrtr_no_input_requests_on_other_methods(client: Client) -> None:
    listed = client.post("tools/list", capabilities=ELICIT).json()["result"]
    assert listed["resultType"] == "complete"


def test_mrtr_malformed_input_responses_are_refused(client: Client) -> None:
    refused = client.call("test_input_required_result_elicitation", capabilities=ELICIT,
                          extra={"inputResponses": ["not", "an", "object"]})
    assert "inputResponses" in error_of(refused, 400, -32602)["message"]


# basic/patterns/subscriptions


def test_subscriptions_listen_needs_an_event_stream(client: Client) -> None:
    refused = client.post("subscriptions/listen", {"notifications": {"toolsListChanged": True}}, accept="application/json")
    assert refused.status_code == 406


# The tasks extension (io.modelcontextprotocol/tasks)


WITH_TASKS = {"extensions": {TASKS: {}}}


def test_tasks_no_task_for_a_client_that_did_not_declare_the_extension(client: Client) -> None:
    result = client.call("slow_compute", {"seconds": 0}).json()["result"]
    assert result["resultType"] == "complete" and "taskId" not in result


def test_tasks_a_required_task_tool_refuses_a_non_declaring_client(client: Client) -> None:
    error = error_of(client.call("failing_job"), 400, -32021)
    assert error["data"] == {"requiredCapabilities": {"extensions": {TASKS: {}}}}


def test_tasks_a_task_is_stored_before_its_handle_is_returned(client: Client) -> None:
    created = client.call("slow_compute", {"seconds": 60}, capabilities=WITH_TASKS).json()["result"]
    assert created["resultType"] == "task" and created["status"] == "working" and "task" not in created
    task_id = created["taskId"]
    got = client.post("tasks/get", {"taskId": task_id}, capabilities=WITH_TASKS, name=task_id).json()["result"]
    assert got["taskId"] == task_id and got["resultType"] == "complete"
    client.post("tasks/cancel", {"taskId": task_id}, capabilities=WITH_TASKS, name=task_id)


def test_tasks_task_ids_are_unguessable(client: Client) -> None:
    ids = {client.call("slow_compute", {"seconds": 0}, capabilities=WITH_TASKS).json()["result"]["taskId"] for _ in range(3)}
    assert len(ids) == 3 and all(len(task_id) >= 32 for task_id in ids)


def test_tasks_an_unknown_task_is_invalid_params(client: Client) -> None:
    for method in ("tasks/get", "tasks/cancel"):
        error_of(client.post(method, {"taskId": "task_nope"}, capabilities=WITH_TASKS, name="task_nope"), 400, -32602)


def test_tasks_the_task_methods_need_the_extension(client: Client) -> None:
    error = error_of(client.post("tasks/get", {"taskId": "task_nope"}, name="task_nope"), 400, -32021)
    assert error["data"]["requiredCapabilities"] == {"extensions": {TASKS: {}}}


# basic/patterns/cancellation


def test_cancellation_a_client_closing_the_stream_cancels_the_request(client: Client, tmp_path) -> None:
    marker = tmp_path / "marker"
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(client.url, timeout=httpx.Timeout(30, read=1), json={
            "jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
                "name": "test_cancellable_wait", "arguments": {"seconds": 600, "marker": str(marker)},
                "_meta": {"io.modelcontextprotocol/protocolVersion": MODERN,
                          "io.modelcontextprotocol/clientCapabilities": {}}}},
            headers={"Accept": "application/json, text/event-stream", "MCP-Protocol-Version": MODERN,
                     "Mcp-Method": "tools/call", "Mcp-Name": "test_cancellable_wait"})
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.read_text() == "cancelled"
