"""Bodies over the limit answer 413 before they are read whole: a Content-Length over it is
refused with only the headers sent, a chunked body as soon as its bytes pass the limit (the
final chunk never sent). Multipart uploads have the (larger) upload limit."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import h11
import pytest

from mcp_gateway.config import ConfigError, Settings
from tests.files.samples import PDF
from tests.support import GatewayServer, gateway_settings

MAX_BODY = 64 * 1024
MAX_UPLOAD = 256 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[GatewayServer]:
    settings = gateway_settings(tmp_path_factory.mktemp("gateway"), max_body_bytes=MAX_BODY, file_max_upload=MAX_UPLOAD)
    gateway = GatewayServer(settings).start()
    yield gateway
    gateway.stop()


@pytest.fixture(scope="module")
def paths(project) -> dict[str, str]:
    return {
        "mcp": "/mcp",
        "legacy messages": "/messages?sessionId=whatever",
        "tokens": f"/v1/connect/{project['project_id']}/tokens",
        "upload": f"/v1/connect/{project['project_id']}/files",
    }


class Exchange:
    """One HTTP/1.1 request written by hand, so the test decides how much of the body goes out
    before it reads the answer."""

    def __init__(self, server: GatewayServer, path: str, headers: dict[str, str]) -> None:
        self._socket = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        self._connection = h11.Connection(h11.CLIENT)
        request = h11.Request(method="POST", target=path, headers=[("host", "127.0.0.1"), *headers.items()])
        self._socket.sendall(self._connection.send(request))

    def send(self, data: bytes) -> None:
        self._socket.sendall(self._connection.send(h11.Data(data=data)))

    def finish(self) -> None:
        self._socket.sendall(self._connection.send(h11.EndOfMessage()))

    def answer(self) -> tuple[int, dict[str, str], bytes]:
        """The response, read while the request may still be unfinished on our side."""
        response: h11.Response | None = None
        body = b""
        while True:
            event = self._connection.next_event()
            if event is h11.NEED_DATA:
                self._connection.receive_data(self._socket.recv(65536))
            elif isinstance(event, h11.Response):
                response = event
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)):
                break
        self._socket.close()
        assert response is not None
        headers = {name.decode(): value.decode() for name, value in response.headers}
        return response.status_code, headers, body


def auth(project) -> dict[str, str]:
    return {"authorization": f"Bearer {project['token']}", "x-pd-environment": "development"}


@pytest.mark.parametrize("route", ["mcp", "legacy messages", "tokens", "upload"])
def test_a_content_length_over_the_limit_is_refused_before_the_body_is_sent(server, project, paths, route):
    exchange = Exchange(server, paths[route], {**auth(project), "content-type": "application/json",
                                               "content-length": str(MAX_BODY + 1)})
    exchange.send(b'{"jsonrpc":')  # and never the rest: the answer cannot have waited for it
    status, headers, body = exchange.answer()
    assert status == 413
    assert headers["connection"] == "close"
    assert json.loads(body) == {"error": "the request body is larger than 65536 bytes, the limit MCP_GATEWAY_MAX_BODY_BYTES "
                                         "sets; send a smaller one"}


@pytest.mark.parametrize("route", ["mcp", "legacy messages", "tokens", "upload"])
def test_a_chunked_body_is_refused_once_it_passes_the_limit(server, project, paths, route):
    exchange = Exchange(server, paths[route], {**auth(project), "content-type": "application/json",
                                               "transfer-encoding": "chunked"})
    for _ in range(MAX_BODY // 4096):
        exchange.send(b" " * 4096)
    exchange.send(b" ")  # one byte past the limit, and no final chunk
    status, _, body = exchange.answer()
    assert status == 413
    assert "MCP_GATEWAY_MAX_BODY_BYTES" in json.loads(body)["error"]


def test_a_chunked_body_within_the_limit_is_read_as_usual(server, project, paths):
    exchange = Exchange(server, paths["tokens"], {**auth(project), "content-type": "application/json",
                                                  "transfer-encoding": "chunked"})
    exchange.send(b'{"external_user_id":')
    exchange.send(b'"chunked-user"' + b" " * (MAX_BODY - 100) + b"}")
    exchange.finish()
    status, _, body = exchange.answer()
    assert status == 200, body
    assert json.loads(body)["token"].startswith("ctok_")


def multipart_upload(size: int) -> tuple[bytes, str]:
    """A multipart body of one PDF part padded to `size` bytes in all."""
    head = b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    tail = b"\r\n--b--\r\n"
    return head + PDF + b"%" * (size - len(head) - len(PDF) - len(tail)) + tail, "multipart/form-data; boundary=b"


def test_multipart_uploads_have_the_upload_limit(server, project, paths):
    body, content_type = multipart_upload(2 * MAX_BODY)  # over the body limit, within the upload limit
    exchange = Exchange(server, paths["upload"], {**auth(project), "content-type": content_type, "content-length": str(len(body))})
    exchange.send(body)
    status, _, answer = exchange.answer()
    assert status == 200, answer
    assert json.loads(answer)["files"][0]["name"] == "big.pdf"

    exchange = Exchange(server, paths["upload"], {**auth(project), "content-type": content_type,
                                                  "content-length": str(MAX_UPLOAD + 1)})
    status, _, answer = exchange.answer()
    assert status == 413
    assert json.loads(answer)["error"] == ("the request body is larger than 262144 bytes, the limit MCP_GATEWAY_FILE_MAX_UPLOAD "
                                           "sets; send a smaller one")


def test_the_body_limit_is_a_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("MCP_GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MCP_GATEWAY_MAX_BODY_BYTES", raising=False)
    assert Settings.from_env().max_body_bytes == 10 * 1024 * 1024
    monkeypatch.setenv("MCP_GATEWAY_MAX_BODY_BYTES", "2048")
    assert Settings.from_env().max_body_bytes == 2048
    monkeypatch.setenv("MCP_GATEWAY_MAX_BODY_BYTES", "0")
    with pytest.raises(ConfigError, match="MCP_GATEWAY_MAX_BODY_BYTES"):
        Settings.from_env()
