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
import time
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
        self.project_id = ""

    def start(self) -> None:
        self.a.start()
        self.b.start()
        project = self.a.create_project()
        self.project_id = project["project_id"]
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


# Tasks (the io.modelcontextprotocol/tasks extension of 2026-07-28)

TASKS = {"elicitation": {}, "extensions": {"io.modelcontextprotocol/tasks": {}}}


def task_request(url: str, method: str, task_id: str, **params: Any) -> httpx.Response:
    meta = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": TASKS}
    headers = {"Accept": ACCEPT, "MCP-Protocol-Version": MODERN, "Mcp-Method": method, "Mcp-Name": task_id}
    return httpx.post(url, headers=headers, timeout=30, json={
        "jsonrpc": "2.0", "id": 1, "method": method, "params": {"taskId": task_id, "_meta": meta, **params}})


def until_status(url: str, task_id: str, wanted: str, timeout: float = 30) -> dict[str, Any]:
    """Poll the task, as a client does, until it has the status (at its suggested interval, bounded)."""
    deadline = time.monotonic() + timeout
    while True:
        task = task_request(url, "tasks/get", task_id).json()["result"]
        if task["status"] == wanted or time.monotonic() > deadline:
            assert task["status"] == wanted, task
            return task
        time.sleep(task["pollIntervalMs"] / 1000 / 4)


def start_task(url: str, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    created = modern_call(url, name, arguments, capabilities=TASKS).json()["result"]
    assert created["resultType"] == "task" and created["status"] == "working", created
    return created


def test_a_task_started_on_one_process_is_polled_and_cancelled_on_the_other(gateways: Gateways) -> None:
    url = gateways.mcp_url
    created = start_task(url["a"], "slow_compute", {"seconds": 60})
    seen = task_request(url["b"], "tasks/get", created["taskId"]).json()["result"]
    assert seen["status"] == "working" and "result" not in seen
    ack = task_request(url["b"], "tasks/cancel", created["taskId"]).json()["result"]
    assert ack == {"resultType": "complete", "_meta": ack["_meta"]}
    cancelled = until_status(url["a"], created["taskId"], "cancelled")
    assert "result" not in cancelled and "error" not in cancelled


def test_a_task_asks_and_is_answered_through_the_other_process(gateways: Gateways) -> None:
    url = gateways.mcp_url
    created = start_task(url["b"], "confirm_delete", {"filename": "report.txt"})
    waiting = until_status(url["a"], created["taskId"], "input_required")
    ((key, request),) = waiting["inputRequests"].items()
    assert request["method"] == "elicitation/create" and "report.txt" in request["params"]["message"]
    answered = task_request(url["a"], "tasks/update", created["taskId"],
                            inputResponses={key: {"action": "accept", "content": {"confirm": True}}})
    assert answered.json()["result"]["resultType"] == "complete"
    done = until_status(url["b"], created["taskId"], "completed")
    assert done["result"]["content"][0]["text"] == "Delete confirmed: True"


def test_a_task_is_its_owners_alone(gateways: Gateways) -> None:
    created = start_task(gateways.mcp_url["a"], "slow_compute", {"seconds": 0})
    made = subprocess.run(
        [sys.executable, "-m", "mcp_gateway", "keys", "create", "--project-id", gateways.project_id,
         "--environment", "development", "--external-user-id", "someone-else", "--apps", "conformance", "--url"],
        capture_output=True, text=True, env=gateways.a.env, timeout=60, check=True)
    other = f"{gateways.b.url}/k/{json.loads(made.stdout)['key']}/mcp"
    for method in ("tasks/get", "tasks/update", "tasks/cancel"):
        extra = {"inputResponses": {}} if method == "tasks/update" else {}
        refused = task_request(other, method, created["taskId"], **extra)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == -32602, refused.text
        assert "belongs to someone else" in refused.json()["error"]["message"]


def test_tasks_outlive_the_process_that_ran_them(gateways: Gateways) -> None:
    url = gateways.mcp_url
    runner = ServeProcess(Path(gateways.a.env["MCP_GATEWAY_DATA_DIR"]), CUSTOM_TOOLS_DIR=str(TOOLS_DIR),
                          REDIS_URL=gateways.a.env["MCP_GATEWAY_REDIS_URL"], PACKS="0").start()
    try:
        runner_url = url["a"].replace(gateways.a.url, runner.url)
        finished = start_task(runner_url, "slow_compute", {"seconds": 0, "label": "kept"})
        until_status(runner_url, finished["taskId"], "completed")
        running = start_task(runner_url, "slow_compute", {"seconds": 600})
    finally:
        runner.kill()  # SIGKILL: no chance to tidy up
    kept = task_request(url["b"], "tasks/get", finished["taskId"]).json()["result"]
    assert kept["status"] == "completed" and kept["result"]["content"][0]["text"] == "Computed kept after 0 seconds."
    # The killed process stops beating for its task: the others then report it failed, not working for ever.
    orphan = until_status(url["b"], running["taskId"], "failed", timeout=40)
    assert orphan["error"]["code"] == -32603 and "stopped before it finished" in orphan["error"]["message"]


def session_request(url: str, session: str, method: str, params: dict[str, Any], request_id: int = 1) -> dict[str, Any]:
    headers = {"Accept": "application/json", "Mcp-Session-Id": session, "MCP-Protocol-Version": SESSION_VERSION}
    return httpx.post(url, headers=headers, timeout=60,
                      json={"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}).json()


def test_2025_11_25_tasks_work_across_processes(gateways: Gateways) -> None:
    url = gateways.mcp_url
    session = initialize(url["a"], {})
    listed = session_request(url["b"], session, "tools/list", {})["result"]["tools"]
    assert next(t for t in listed if t["name"] == "slow_compute")["execution"] == {"taskSupport": "optional"}
    created = session_request(url["a"], session, "tools/call", {
        "name": "slow_compute", "arguments": {"seconds": 1, "label": "legacy"}, "task": {"ttl": 60000}})["result"]
    task = created["task"]
    assert task["status"] == "working" and task["ttl"] == 3_600_000 and task["pollInterval"] == 1000
    # tasks/result blocks until the task is done, on the other process.
    result = session_request(url["b"], session, "tasks/result", {"taskId": task["taskId"]})["result"]
    assert result["content"][0]["text"] == "Computed legacy after 1 seconds."
    assert result["_meta"]["io.modelcontextprotocol/related-task"] == {"taskId": task["taskId"]}
    assert session_request(url["a"], session, "tasks/get", {"taskId": task["taskId"]})["result"]["status"] == "completed"
    tasks = session_request(url["a"], session, "tasks/list", {})["result"]["tasks"]
    assert task["taskId"] in [t["taskId"] for t in tasks]
    finished = session_request(url["b"], session, "tasks/cancel", {"taskId": task["taskId"]})
    assert finished["error"]["code"] == -32602 and "already completed" in finished["error"]["message"]

    running = session_request(url["a"], session, "tools/call", {
        "name": "slow_compute", "arguments": {"seconds": 600}, "task": {}})["result"]["task"]
    cancelled = session_request(url["b"], session, "tasks/cancel", {"taskId": running["taskId"]})["result"]
    assert cancelled["status"] == "cancelled"  # cancelled before the answer, as the revision says
    error = session_request(url["a"], session, "tasks/result", {"taskId": running["taskId"]})["error"]
    assert "cancelled" in error["message"]
    # A tool that cannot be a task says so, and one that must be is refused without `task`.
    refused = session_request(url["a"], session, "tools/call", {"name": "greet", "arguments": {"name": "x"}, "task": {}})
    assert refused["error"]["code"] == -32601 and "does not run as a task" in refused["error"]["message"]
    required = session_request(url["a"], session, "tools/call", {"name": "failing_job", "arguments": {}})
    assert required["error"]["code"] == -32601 and "runs only as a task" in required["error"]["message"]


def test_a_stopping_process_ends_its_listen_streams_gracefully(gateways: Gateways) -> None:
    stopping = ServeProcess(Path(gateways.a.env["MCP_GATEWAY_DATA_DIR"]), CUSTOM_TOOLS_DIR=str(TOOLS_DIR),
                            REDIS_URL=gateways.a.env["MCP_GATEWAY_REDIS_URL"], PACKS="0").start()
    try:
        stream = ListenStream(gateways.mcp_url["a"].replace(gateways.a.url, stopping.url), {}, request_id=9)
        stream.wait_for(1)
        stopping.terminate()  # SIGTERM: the process drains
        _, cancelled, ended = stream.wait_for(3)
        assert cancelled["method"] == "notifications/cancelled" and cancelled["params"]["requestId"] == 9
        assert ended == {"jsonrpc": "2.0", "id": 9, "result": {
            "resultType": "complete", "_meta": {"io.modelcontextprotocol/subscriptionId": 9}}}
        assert stopping.wait(30) == 0
    finally:
        stopping.kill()
