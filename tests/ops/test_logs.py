"""Log lines: JSON objects with the request's id, secrets masked, one access line per request;
`mcp-gateway serve` writes them all (uvicorn's too) through one formatter."""

from __future__ import annotations

import io
import json
import logging
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from mcp_gateway.config import ConfigError, Settings
from mcp_gateway.logs import JsonFormatter, TextFormatter, current_request_id, redact
from tests.serve_process import ServeProcess
from tests.support import GatewayServer, gateway_settings


def written(formatter: logging.Formatter, emit: Callable[[logging.Logger], None]) -> str:
    """What `emit(logger)` writes through a handler with `formatter`."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(formatter)
    logger = logging.getLogger("tests.ops.logs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return out.getvalue()


def test_json_line_carries_time_level_logger_message_and_extra_fields():
    line = written(JsonFormatter(), lambda log: log.info("synced %d accounts", 3, extra={"app": "github", "took_ms": 12.5}))
    assert line.endswith("\n") and line.count("\n") == 1
    entry = json.loads(line)
    assert entry["level"] == "INFO"
    assert entry["logger"] == "tests.ops.logs"
    assert entry["message"] == "synced 3 accounts"
    assert entry["app"] == "github" and entry["took_ms"] == 12.5
    assert entry["time"].endswith("Z")
    when = datetime.fromisoformat(entry["time"])
    assert abs((datetime.now(UTC) - when).total_seconds()) < 60
    assert "request_id" not in entry and "exc" not in entry


def test_json_line_names_the_request_and_carries_the_traceback():
    def fail(log: logging.Logger) -> None:
        try:
            {}["missing"]
        except KeyError:
            log.exception("lookup failed")

    token = current_request_id.set("req-42")
    try:
        entry = json.loads(written(JsonFormatter(), fail))
    finally:
        current_request_id.reset(token)
    assert entry["request_id"] == "req-42"
    assert entry["level"] == "ERROR"
    assert entry["exc"].startswith("Traceback (most recent call last):")
    assert "KeyError: 'missing'" in entry["exc"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Authorization: Bearer eyJhbGciOi.J9x-y_z", "Authorization: Bearer ***"),
    ("calling the API with bearer sk_live_abc123", "calling the API with bearer ***"),
    ("headers={'Authorization': 'Basic dXNlcjpwYXNz', 'Accept': '*/*'}", "headers={'Authorization': 'Basic ***', 'Accept': '*/*'}"),
    ('{"authorization": "token ghp_abc"}', '{"authorization": "token ***"}'),
    ("connecting to postgresql://gateway:s3cr3t@db.internal:5432/gw", "connecting to postgresql://gateway:***@db.internal:5432/gw"),
    ("redis://:hunter2@cache:6379/0 is down", "redis://:***@cache:6379/0 is down"),
    ("postgresql://u:p@ss@db/x", "postgresql://u:***@db/x"),
    ("GET https://app.example/cb?code=4/0AbC&state=xyz", "GET https://app.example/cb?code=***&state=xyz"),
    ("/items?page=2&access_token=ya29.a0&api_key=k-1", "/items?page=2&access_token=***&api_key=***"),
    ("?client_secret=mysecret&client_id=cli_1", "?client_secret=***&client_id=cli_1"),
    ('{"password": "pw1", "user": "ada"}', '{"password": "***", "user": "ada"}'),
    ("SMTP login failed: password=letmein", "SMTP login failed: password=***"),
    ("GET /v1/connect/tokens/ctok_AbC123-_x/validate", "GET /v1/connect/tokens/ctok_***/validate"),
    ("client secret mgs_Zz9_-q issued", "client secret mgs_*** issued"),
])
def test_secrets_are_masked(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "GET /v1/connect/proj_abc/accounts 200 3.1 ms",
    "http://127.0.0.1:8080/healthz answered",
    "https://api.github.com/repos/octo/hello?per_page=100",
    "llm_max_tokens=100000",
])
def test_ordinary_text_is_left_alone(text):
    assert redact(text) == text


def test_secrets_in_messages_arguments_tracebacks_and_extra_fields_are_masked():
    def leak(log: logging.Logger) -> None:
        try:
            raise ConnectionError("cannot reach postgresql://gw:tr0ub4dor@db:5432/gw")
        except ConnectionError:
            log.exception(
                "request with %s failed", "Authorization: Bearer live-token-1",
                extra={"headers": {"Authorization": "Bearer live-token-2", "Accept": "application/json"},
                       "client_secret": "live-secret-3", "dsn": "redis://:live-pw-4@cache:6379"},
            )

    line = written(JsonFormatter(), leak)
    for secret in ("live-token-1", "live-token-2", "live-secret-3", "live-pw-4", "tr0ub4dor"):
        assert secret not in line
    entry = json.loads(line)
    assert entry["headers"] == {"Authorization": "***", "Accept": "application/json"}
    assert entry["client_secret"] == "***"
    assert entry["dsn"] == "redis://:***@cache:6379"
    assert "postgresql://gw:***@db:5432/gw" in entry["exc"]


def test_text_lines_are_masked_and_name_the_request():
    token = current_request_id.set("req-7")
    try:
        line = written(TextFormatter(), lambda log: log.warning("retrying postgresql://u:pw123@h/db"))
    finally:
        current_request_id.reset(token)
    assert re.fullmatch(r"\S+ \S+ WARNING tests\.ops\.logs: retrying postgresql://u:\*\*\*@h/db \[req-7\]\n", line)


# Request ids and the access log, through a running gateway


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    gateway = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"))).start()
    yield gateway
    gateway.stop()


class AccessLines(logging.Handler):
    """The access log's lines as JSON objects, formatted where they are written. A request's line
    is written after its response has been sent, so a test waits for it with `of_request`."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self._lines: list[dict] = []
        self._written = threading.Condition()

    def emit(self, record: logging.LogRecord) -> None:
        line = json.loads(self.format(record))
        with self._written:
            self._lines.append(line)
            self._written.notify_all()

    def written_for(self, request_id: str) -> list[dict]:
        """The lines written so far for the request."""
        with self._written:
            return [line for line in self._lines if line.get("request_id") == request_id]

    def of_request(self, request_id: str, timeout: float = 10.0) -> list[dict]:
        """The request's lines, once it has one."""
        with self._written:
            if not self._written.wait_for(lambda: self.written_for(request_id), timeout):
                raise AssertionError(f"no access line for request {request_id} within {timeout} s")
            return self.written_for(request_id)


@pytest.fixture
def access_lines():
    handler = AccessLines()
    access = logging.getLogger("mcp_gateway.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        access.removeHandler(handler)
        access.setLevel(logging.NOTSET)


def test_a_well_formed_incoming_request_id_is_kept(server):
    for given in ("3f2b8c1e-8d4a-4f7e-9a61-2b7c5d9e0f11", "Root=1-67891233-abcdef012345678912345678", "a" * 128):
        assert httpx.get(f"{server.url}/healthz", headers={"X-Request-Id": given}).headers["x-request-id"] == given


def test_a_missing_or_malformed_request_id_is_replaced_by_a_new_one(server):
    answered = [
        httpx.get(f"{server.url}/healthz", headers=headers).headers["x-request-id"]
        for headers in ({}, {}, {"X-Request-Id": "a" * 129}, {"X-Request-Id": "two words"}, {"X-Request-Id": "<script>"})
    ]
    assert all(re.fullmatch(r"[0-9a-f]{32}", rid) for rid in answered)
    assert len(set(answered)) == len(answered)


def test_each_request_gets_one_access_line_with_its_id(server, access_lines):
    response = httpx.get(f"{server.url}/v1/connect/proj_nope/accounts?api_key=in-the-query", headers={"X-Request-Id": "probe-1"})
    assert response.status_code == 401
    lines = access_lines.of_request("probe-1")
    assert len(lines) == 1
    line = lines[0]
    assert line["logger"] == "mcp_gateway.access" and line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/v1/connect/proj_nope/accounts", 401)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert "in-the-query" not in json.dumps(line)


def test_access_lines_show_the_path_as_sent(server, access_lines):
    httpx.get(f"{server.url}/a%0A2026-01-01%20forged%20line", headers={"X-Request-Id": "probe-2"})
    [line] = access_lines.of_request("probe-2")
    assert line["path"] == "/a%0A2026-01-01%20forged%20line"


def test_event_streams_pass_through_unbuffered_with_the_id(server, access_lines):
    project = server.create_project()
    headers = {"Authorization": f"Bearer {server.token(project)}", "x-pd-project-id": project["project_id"],
               "x-pd-environment": "development", "x-pd-external-user-id": "u1", "x-pd-app-slug": "http",
               "Accept": "text/event-stream", "X-Request-Id": "stream-1"}
    # A legacy MCP stream announces its message endpoint first and then stays open.
    with httpx.stream("GET", f"{server.url}/mcp", headers=headers, timeout=10) as response:
        assert response.headers["x-request-id"] == "stream-1"
        assert response.headers["content-type"].startswith("text/event-stream")
        first = next(response.iter_text())
        assert first.startswith("event: endpoint")
        assert not access_lines.written_for("stream-1")  # still open
    # The line is written once the server notices the client left and ends the stream.
    assert [line["status"] for line in access_lines.of_request("stream-1")] == [200]


# `mcp-gateway serve`


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("MCP_GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MCP_GATEWAY_SECRET_KEY", "x" * 40)
    return monkeypatch


def test_log_format_defaults_to_json_off_a_terminal_and_is_checked(env):
    env.delenv("MCP_GATEWAY_LOG_FORMAT", raising=False)
    assert Settings.from_env().log_format == "json"  # pytest's captured stderr is no terminal
    env.setenv("MCP_GATEWAY_LOG_FORMAT", "Text")
    assert Settings.from_env().log_format == "text"
    env.setenv("MCP_GATEWAY_LOG_FORMAT", "xml")
    with pytest.raises(ConfigError, match="MCP_GATEWAY_LOG_FORMAT must be one of json, text"):
        Settings.from_env()


def test_serve_writes_every_line_as_json_through_one_formatter(tmp_path):
    gateway = ServeProcess(tmp_path / "data", LOG_FORMAT="json").start()
    try:
        assert httpx.get(f"{gateway.url}/healthz", headers={"X-Request-Id": "cli-probe"}).status_code == 200
    finally:
        gateway.terminate()
        assert gateway.wait(30) == 0
    entries = gateway.json_lines()  # raises if any line is not JSON
    by_logger = {entry["logger"] for entry in entries}
    assert {"mcp_gateway", "uvicorn.error", "mcp_gateway.access"} <= by_logger
    assert any(entry["message"].startswith("Uvicorn running on") for entry in entries)
    access = [entry for entry in entries if entry["logger"] == "mcp_gateway.access"]
    assert [(a["path"], a["status"], a["request_id"]) for a in access if a["request_id"] == "cli-probe"] == [("/healthz", 200, "cli-probe")]
    assert "color_message" not in json.dumps(entries)
