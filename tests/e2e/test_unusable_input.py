"""Input no database or encoder can take (lone surrogates, invalid UTF-8, NUL in strings and
keys), bodies too deep or with numbers past a double, wrong types and JSON-RPC batches: each
answered 4xx with a message naming what to fix, on the MCP endpoint (both eras and legacy SSE's
`/messages`), `POST /v1/connect/{project_id}/tokens` and the upload route, with nothing stored."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.files.samples import PDF
from tests.support import parameter_headers

pytestmark = pytest.mark.both_databases

TABLES = ("mcp_sessions", "action_runs", "tool_conversations", "external_users", "connect_tokens", "ingested_files")
DEEP = b"[" * 100 + b"]" * 100
SURROGATE = "holds a lone UTF-16 surrogate"
NUL = "holds a NUL character"


def tool_call(arguments: bytes = b"{}", name: bytes = b'"http-send-request"', request_id: bytes = b"1") -> bytes:
    return b'{"jsonrpc":"2.0","id":' + request_id + b',"method":"tools/call","params":{"name":' + name + b',"arguments":' + arguments + b"}}"


# (body, what the message says)
UNUSABLE_MCP = [
    pytest.param(tool_call(name=b'"http-\\ud800"'), f"the body has a string at params.name that {SURROGATE} (\\ud800)", id="surrogate"),
    pytest.param(tool_call(b'{"\\udc00":1}'), f"the body has a key in params.arguments that {SURROGATE} (\\udc00)", id="surrogate-key"),
    pytest.param(tool_call(b'{"url":"https://api.example.com/\\u0000"}'), f"the body has a string at params.arguments.url that {NUL}",
                 id="nul"),
    pytest.param(tool_call(b'{"\\u0000":1}'), f"the body has a key in params.arguments that {NUL}", id="nul-key"),
    pytest.param(tool_call(name=b'"http-\xff"'), "the body is not valid UTF-8 (byte 0xff at offset", id="invalid-utf8"),
    pytest.param(tool_call(DEEP), "the body nests arrays and objects more than 64 deep", id="deep"),
    pytest.param(tool_call(request_id=b"1e400"), "the body holds the number 1e400, beyond the range of a double", id="1e400"),
    pytest.param(tool_call(request_id=b"1" * 5000), "the body holds an integer of more than 4300 digits", id="5000-digits"),
    pytest.param(tool_call(request_id=b"NaN"), "the body holds NaN, which is not a JSON number", id="nan"),
    pytest.param(b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":["http-send-request"]}',
                 "tools/call params must be an object of named parameters", id="array-for-object"),
    pytest.param(b'{"jsonrpc":"2.0","id":{"n":1},"method":"ping"}', "id must be a string or an integer", id="object-for-id"),
    pytest.param(b'{"jsonrpc":"2.0","id":1,"method":7}', "method must be a string", id="number-for-method"),
]


@pytest.fixture(scope="module")
def mcp_headers(project) -> dict[str, str]:
    return {**parameter_headers(project, "careful-user"), "accept": "application/json, text/event-stream",
            "content-type": "application/json"}


@pytest.fixture(scope="module")
def session_headers(server, mcp_headers) -> dict[str, str]:
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
    response = httpx.post(server.url + "/mcp", json=init, headers=mcp_headers)
    assert response.status_code == 200, response.text
    return {**mcp_headers, "mcp-session-id": response.headers["mcp-session-id"]}


@pytest.fixture(scope="module")
def legacy_messages_url(server, mcp_headers) -> Iterator[str]:
    with httpx.Client(base_url=server.url, timeout=30) as client, \
            client.stream("GET", "/", headers={**mcp_headers, "accept": "text/event-stream"}) as stream:
        lines = stream.iter_lines()  # kept until the tests are done: a closed iterator would close the stream
        yield server.url + next(line for line in lines if line.startswith("data: ")).removeprefix("data: ")


@pytest.fixture
def nothing_stored(server) -> Iterator[None]:
    """The test's requests leave every table as it was, and nothing unstorable anywhere."""
    before = row_counts(server)
    yield
    assert row_counts(server) == before
    assert server.unstorable_stored_text() == []


def row_counts(server) -> dict[str, int]:
    return {table: server.execute(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in TABLES}


def assert_mcp_refused(response: httpx.Response, message: str) -> None:
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert message in error["message"]
    assert error["code"] in (-32700, -32600, -32602)


@pytest.mark.parametrize(("body", "message"), UNUSABLE_MCP)
def test_mcp_session_era(server, session_headers, nothing_stored, body, message):
    assert_mcp_refused(httpx.post(server.url + "/mcp", content=body, headers=session_headers), message)


@pytest.mark.parametrize(("body", "message"), UNUSABLE_MCP)
def test_mcp_modern_era(server, mcp_headers, nothing_stored, body, message):
    headers = {**mcp_headers, "mcp-protocol-version": "2026-07-28"}
    assert_mcp_refused(httpx.post(server.url + "/", content=body, headers=headers), message)


@pytest.mark.parametrize(("body", "message"), UNUSABLE_MCP)
def test_mcp_legacy_sse_messages(server, mcp_headers, legacy_messages_url, nothing_stored, body, message):
    assert_mcp_refused(httpx.post(legacy_messages_url, content=body, headers=mcp_headers), message)


def test_an_initialize_the_store_cannot_keep_opens_no_session(server, mcp_headers, nothing_stored):
    body = b'{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"clientInfo":{"name":"\\ud83d"},"capabilities":{}}}'
    response = httpx.post(server.url + "/mcp", content=body, headers=mcp_headers)
    assert_mcp_refused(response, f"the body has a string at params.clientInfo.name that {SURROGATE} (\\ud83d)")
    assert "mcp-session-id" not in response.headers


PING_BATCH = b'[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]'


def test_batches_are_refused_where_the_protocol_has_none(server, mcp_headers, session_headers, legacy_messages_url):
    assert_mcp_refused(httpx.post(server.url + "/mcp", content=PING_BATCH, headers=session_headers),
                       "JSON-RPC batches are not part of MCP 2025-11-25, this session's protocol version: send one message per POST")
    assert_mcp_refused(httpx.post(server.url + "/", content=PING_BATCH, headers={**mcp_headers, "mcp-protocol-version": "2026-07-28"}),
                       "JSON-RPC batches are not part of MCP 2026-07-28: send one message per POST")
    assert_mcp_refused(httpx.post(legacy_messages_url, content=PING_BATCH, headers=mcp_headers), "takes no batches")


def test_a_2025_03_26_session_still_takes_batches(server, mcp_headers):
    """The one revision whose transport carried batches."""
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-03-26", "capabilities": {}}}
    session = httpx.post(server.url + "/mcp", json=init, headers=mcp_headers).headers["mcp-session-id"]
    response = httpx.post(server.url + "/mcp", content=PING_BATCH, headers={**mcp_headers, "mcp-session-id": session})
    assert response.status_code == 200
    assert response.json() == [{"jsonrpc": "2.0", "id": 1, "result": {}}, {"jsonrpc": "2.0", "id": 2, "result": {}}]


def test_a_multipart_body_to_the_mcp_endpoint_is_refused_unread(server, mcp_headers):
    response = httpx.post(server.url + "/mcp", files={"f": ("a.json", b"{}")}, headers={
        k: v for k, v in mcp_headers.items() if k != "content-type"})
    assert response.status_code == 415
    assert "Content-Type: application/json" in response.json()["error"]["message"]


# (body, what the message says)
UNUSABLE_TOKEN_REQUESTS = [
    pytest.param(b'{"external_user_id":"\\ud800"}', f"the body has a string at external_user_id that {SURROGATE} (\\ud800)",
                 id="surrogate"),
    pytest.param(b'{"external_user_id":"u","\\udfff":1}', f"the body has a key in the top-level object that {SURROGATE} (\\udfff)",
                 id="surrogate-key"),
    pytest.param(b'{"external_user_id":"u","success_redirect_uri":"https://app.example/\\udc00"}',
                 f"the body has a string at success_redirect_uri that {SURROGATE}", id="surrogate-in-uri"),
    pytest.param(b'{"external_user_id":"u\\u0000"}', f"the body has a string at external_user_id that {NUL}", id="nul"),
    pytest.param(b'{"external_user_id":"u","\\u0000":1}', f"the body has a key in the top-level object that {NUL}", id="nul-key"),
    pytest.param(b'{"external_user_id":"\xc3\x28"}', "the body is not valid UTF-8 (byte 0xc3 at offset 21)", id="invalid-utf8"),
    pytest.param(b'{"external_user_id":"u","allowed_origins":' + DEEP + b"}", "the body nests arrays and objects more than 64 deep",
                 id="deep"),
    pytest.param(b'{"external_user_id":"u","expires_in":1e400}', "the body holds the number 1e400, beyond the range of a double",
                 id="1e400"),
    pytest.param(b'{"external_user_id":"u","expires_in":' + b"9" * 5000 + b"}", "the body holds an integer of more than 4300 digits",
                 id="5000-digits"),
    pytest.param(b'{"external_user_id":"u","expires_in":-Infinity}', "the body holds -Infinity, which is not a JSON number",
                 id="infinity"),
    pytest.param(b'[{"external_user_id":"u"}]', "the body must be a JSON object", id="array-for-object"),
    pytest.param(b'{"external_user_id":"u","expires_in":"soon"}', "expires_in must be a whole number of seconds from 1 to 14400",
                 id="string-for-int"),
    pytest.param(b'{"external_user_id":"u","expires_in":60.5}', "expires_in must be a whole number of seconds", id="float-for-int"),
    pytest.param(b'{"external_user_id":["u"]}', "external_user_id", id="array-for-string"),
]


@pytest.fixture(scope="module")
def rest_headers(project) -> dict[str, str]:
    return {"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"}


@pytest.mark.parametrize(("body", "message"), UNUSABLE_TOKEN_REQUESTS)
def test_connect_tokens(server, project, rest_headers, nothing_stored, body, message):
    response = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/tokens", content=body,
                          headers={**rest_headers, "content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert message in response.json()["error"]


def test_connect_tokens_take_json_not_multipart(server, project, rest_headers, nothing_stored):
    response = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/tokens", files={"f": ("a", b"x")}, headers=rest_headers)
    assert response.status_code == 415
    assert "takes a JSON body" in response.json()["error"]


def multipart(parts: list[bytes], charset: str | None = None) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body of raw parts (each its headers and content), so it can say
    anything a client could send."""
    boundary = b"fuzzboundary"
    body = b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in parts) + b"--" + boundary + b"--\r\n"
    content_type = "multipart/form-data; boundary=fuzzboundary" + (f"; charset={charset}" if charset else "")
    return body, {"content-type": content_type}


PDF_PART = b'Content-Disposition: form-data; name="file"; filename="invoice.pdf"\r\nContent-Type: application/pdf\r\n\r\n' + PDF

UNUSABLE_UPLOADS = [
    pytest.param(multipart([b'Content-Disposition: form-data; name="note"\r\n\r\na\x00b', PDF_PART]), f"form field note {NUL}",
                 id="nul-in-field"),
    pytest.param(multipart([b'Content-Disposition: form-data; name="file"; filename="in\x00voice.pdf"\r\n\r\n' + PDF]),
                 f"the file name in form field file {NUL}", id="nul-in-file-name"),
    pytest.param(multipart([b'Content-Disposition: form-data; name="n\x00te"\r\n\r\nhi', PDF_PART]), f"a form field's name {NUL}",
                 id="nul-in-field-name"),
    # UTF-7 spells the lone surrogate U+D800 as +2AA-.
    pytest.param(multipart([b'Content-Disposition: form-data; name="note"\r\n\r\nx+2AA-', PDF_PART], charset="utf-7"),
                 f"form field note {SURROGATE} (\\ud800)", id="surrogate-in-field"),
    pytest.param((b'{"f":{"name":"\\ud800.pdf","contentBytes":"JVBERi0xLjcK"}}', {"content-type": "application/json"}),
                 f"the body has a string at f.name that {SURROGATE}", id="json-surrogate"),
    pytest.param((b'{"f":{"name":"a.pdf","contentBytes":"JVBERi0xLjcK"},"\\u0000":1}', {"content-type": "application/json"}),
                 f"the body has a key in the top-level object that {NUL}", id="json-nul-key"),
    pytest.param((b'{"f":' + DEEP + b"}", {"content-type": "application/json"}), "nests arrays and objects more than 64 deep",
                 id="json-deep"),
    pytest.param((b'{"f":{"name":"a.pdf","contentBytes":"\xfe"}}', {"content-type": "application/json"}),
                 "the body is not valid UTF-8 (byte 0xfe", id="json-invalid-utf8"),
    pytest.param((b'[{"name":"a.pdf","contentBytes":"JVBERi0xLjcK"}]', {"content-type": "application/json"}),
                 "the body must be a JSON object", id="json-array-for-object"),
]


@pytest.mark.parametrize(("request_body", "message"), UNUSABLE_UPLOADS)
def test_file_uploads(server, project, rest_headers, nothing_stored, request_body, message):
    body, headers = request_body
    response = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/files", content=body, headers={**rest_headers, **headers})
    assert response.status_code == 400, response.text
    assert message in response.json()["error"]


def test_a_good_upload_is_stored_so_the_checks_above_can_see_one(server, project, rest_headers):
    before = row_counts(server)["ingested_files"]
    body, headers = multipart([PDF_PART])
    response = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/files", content=body, headers={**rest_headers, **headers})
    assert response.status_code == 200, response.text
    assert row_counts(server)["ingested_files"] == before + 1


@pytest.mark.parametrize("path", ["/_static/connect/oauth", "/_static/connect/keys"])
@pytest.mark.parametrize(("request_body", "message"), [
    pytest.param(multipart([b'Content-Disposition: form-data; name="token"\r\n\r\n+2AA-'], charset="utf-7"),
                 f"The form field token {SURROGATE} (\\ud800)", id="surrogate"),
    pytest.param((b"token=ctok_x%00&app=github", {"content-type": "application/x-www-form-urlencoded"}),
                 f"The form field token {NUL}", id="nul"),
])
def test_connect_link_forms(server, nothing_stored, path, request_body, message):
    body, headers = request_body
    response = httpx.post(server.url + path, content=body, headers=headers)
    assert response.status_code == 400
    assert message in response.text
