"""Property: whatever a client POSTs to the MCP endpoint (in a session of the handshake era, in
the stateless 2026-07-28 era, or to a legacy SSE session's `/messages`), the answer is below 500,
is never a JSON-RPC internal error, and nothing unstorable reaches the database.

Bodies are JSON-RPC-like messages (and batches) whose strings and keys draw from every code
point, lone surrogates and NUL included, encoded with `ensure_ascii` so those travel as `\\uXXXX`
escapes; plus raw bytes, spliced-in bytes, edge-case number literals and deep nesting.
Derandomized, so every run sends the same examples.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import parameter_headers

pytestmark = pytest.mark.both_databases

EXAMPLES = 200  # per test below: five runs (the session test runs for two versions), 1000 requests a backend
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MODERN = "2026-07-28"
META = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}}
INTERNAL_ERROR = -32603

CHARACTERS = st.one_of(
    st.sampled_from(["\x00", "\ud800", "\udbff", "\udc00", "\udfff"]),
    st.characters(min_codepoint=0, max_codepoint=0x10FFFF),  # surrogates (category Cs) included
)
TEXT = st.text(CHARACTERS, max_size=12)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(), TEXT)
JSON_VALUES = st.recursive(
    SCALARS, lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4), max_leaves=12,
)
METHODS = st.one_of(
    st.sampled_from(["ping", "tools/list", "tools/call", "initialize", "server/discover", "logging/setLevel",
                     "notifications/initialized", "resources/list"]),
    TEXT,
)
PARAMS = st.fixed_dictionaries({}, optional={
    "name": st.one_of(st.sampled_from(["http-send-request", "http-download-file"]), TEXT),
    "arguments": st.dictionaries(TEXT, JSON_VALUES, max_size=4),
    "_meta": st.one_of(st.just(META), st.dictionaries(TEXT, JSON_VALUES, max_size=3)),
    "protocolVersion": st.one_of(st.sampled_from(["2025-03-26", "2025-11-25"]), JSON_VALUES),
    "capabilities": JSON_VALUES,
    "clientInfo": JSON_VALUES,
    "level": JSON_VALUES,
})
# Well-formed envelopes, so most examples get past the first checks to the methods ...
MESSAGES = st.fixed_dictionaries(
    {"jsonrpc": st.just("2.0"), "method": METHODS}, optional={"id": st.one_of(st.integers(), TEXT), "params": PARAMS},
)
# ... and any JSON in every member.
MALFORMED_MESSAGES = st.fixed_dictionaries(
    {}, optional={"jsonrpc": JSON_VALUES, "method": JSON_VALUES, "id": JSON_VALUES, "params": JSON_VALUES},
)
EDGE_LITERALS = st.sampled_from([
    b"1e400", b"-1e400", b"1" * 5000, b"-" + b"9" * 4301, b"NaN", b"Infinity", b"-Infinity", b"1.5", b"true",
    b"null", b'"\\ud800"', b'"\\udc00"', b'"\\u0000"', b'"\xff"', b'"\xed\xa0\x80"', b"[]", b"{}",
])


def _encoded(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=True).encode()


def _spliced(parts: tuple[bytes, int, bytes]) -> bytes:
    body, at, inserted = parts
    at %= len(body) + 1
    return body[:at] + inserted + body[at:]


BODIES = st.one_of(
    MESSAGES.map(_encoded),
    MESSAGES.map(_encoded),  # twice: these reach the most code
    MALFORMED_MESSAGES.map(_encoded),
    st.lists(MESSAGES, max_size=3).map(_encoded),  # batches, empty ones too
    st.binary(max_size=64),
    st.tuples(MESSAGES.map(_encoded), st.integers(0, 400), st.binary(min_size=1, max_size=4)).map(_spliced),
    EDGE_LITERALS.map(lambda literal: b'{"jsonrpc":"2.0","id":' + literal + b',"method":"ping"}'),
    EDGE_LITERALS.map(lambda literal: b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":' + literal + b"}}"),
    st.integers(60, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
)
TOOL_MODES = st.sampled_from(["tools-only", "full-config", "sub-agent"])


@pytest.fixture(scope="module")
def mcp_headers(project) -> dict[str, str]:
    return {**parameter_headers(project, "fuzz-user"), "accept": "application/json, text/event-stream",
            "content-type": "application/json"}


@pytest.fixture(scope="module")
def client(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def assert_answered_below_500(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.headers.get("content-type", "").startswith("application/json") and response.content:
        answers = response.json()
        for answer in answers if isinstance(answers, list) else [answers]:
            assert (answer.get("error") or {}).get("code") != INTERNAL_ERROR, answer


@pytest.fixture(scope="module", params=["2025-03-26", "2025-11-25"])  # with batches, and without
def session_headers(request, client, mcp_headers) -> dict[str, str]:
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"protocolVersion": request.param, "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}}}
    response = client.post("/mcp", json=init, headers={**mcp_headers, "x-pd-tool-mode": "tools-only"})
    assert response.status_code == 200, response.text
    return {**mcp_headers, "mcp-session-id": response.headers["mcp-session-id"]}


@FUZZ
@given(body=BODIES, tool_mode=TOOL_MODES)
def test_session_era(client, session_headers, body, tool_mode):
    assert_answered_below_500(client.post("/mcp", content=body, headers={**session_headers, "x-pd-tool-mode": tool_mode}))


@FUZZ
@given(body=BODIES, tool_mode=TOOL_MODES)
def test_handshake_era_without_a_session(client, mcp_headers, body, tool_mode):
    assert_answered_below_500(client.post("/mcp", content=body, headers={**mcp_headers, "x-pd-tool-mode": tool_mode}))


@FUZZ
@given(body=BODIES, tool_mode=TOOL_MODES)
def test_modern_era(client, mcp_headers, body, tool_mode):
    headers = {**mcp_headers, "x-pd-tool-mode": tool_mode, "mcp-protocol-version": MODERN}
    assert_answered_below_500(client.post("/", content=body, headers=headers))


@pytest.fixture(scope="module")
def legacy_messages_url(server, mcp_headers) -> Iterator[str]:
    """A legacy SSE session's message URL, its event stream held open while the tests post."""
    headers = {**mcp_headers, "x-pd-tool-mode": "tools-only", "accept": "text/event-stream"}
    with httpx.Client(base_url=server.url, timeout=30) as stream_client, stream_client.stream("GET", "/", headers=headers) as stream:
        assert stream.status_code == 200
        lines = stream.iter_lines()  # kept until the tests are done: a closed iterator would close the stream
        endpoint = next(line for line in lines if line.startswith("data: "))
        yield endpoint.removeprefix("data: ")


@FUZZ
@given(body=BODIES)
def test_legacy_sse_messages(client, mcp_headers, legacy_messages_url, body):
    response = client.post(legacy_messages_url, content=body, headers=mcp_headers)
    assert response.status_code != 404, response.text  # the session (its stream) lives through the test
    assert_answered_below_500(response)


def test_nothing_unstorable_was_stored(server, session_headers, legacy_messages_url):
    """After the fuzzing above (pytest runs this module's tests in order)."""
    assert server.unstorable_stored_text() == []
