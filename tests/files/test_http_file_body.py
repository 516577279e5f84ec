"""The http app's send-request sends a file from /tmp: as the body, or as a multipart field."""

from __future__ import annotations

import httpx

from mcp_gateway.runtime.engine import run_action
from tests.files.samples import PDF

UPLOAD_URL = "https://uploads.example.com/v1/files"


async def test_the_file_is_the_body_with_its_type(catalog, respx_mock, tmp_path):
    route = respx_mock.put(UPLOAD_URL).mock(return_value=httpx.Response(201, json={"id": "up_1"}))
    (tmp_path / "report.pdf").write_bytes(PDF)
    result = await run_action(catalog.action("http-send-request"),
                              {"url": UPLOAD_URL, "method": "PUT", "filePath": "/tmp/report.pdf"}, tmp_dir=tmp_path)
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert sent.content == PDF and sent.headers["content-type"] == "application/pdf"
    assert result.ret["body"] == {"id": "up_1"}


async def test_a_file_field_sends_multipart_with_the_body_as_form_fields(catalog, respx_mock, tmp_path):
    route = respx_mock.post(UPLOAD_URL).mock(return_value=httpx.Response(200, text="ok"))
    (tmp_path / "notes.txt").write_text("hello")
    result = await run_action(catalog.action("http-send-request"), {
        "url": UPLOAD_URL, "method": "POST", "filePath": "notes.txt", "fileField": "file", "body": {"folder": "inbox", "n": 2},
    }, tmp_dir=tmp_path)
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = sent.content
    assert b'name="file"; filename="notes.txt"' in body and b"hello" in body
    assert b'name="folder"\r\n\r\ninbox' in body and b'name="n"\r\n\r\n2' in body


async def test_a_missing_file_says_how_to_get_it_there(catalog, respx_mock, tmp_path):
    result = await run_action(catalog.action("http-send-request"),
                              {"url": UPLOAD_URL, "method": "POST", "filePath": "/tmp/gone.pdf"}, tmp_dir=tmp_path)
    assert "is not a file in /tmp; pass the stash_id of the run that saved it" in result.error
    assert not respx_mock.calls


async def test_a_body_and_a_raw_file_body_cannot_both_be_sent(catalog, respx_mock, tmp_path):
    (tmp_path / "a.txt").write_text("a")
    result = await run_action(catalog.action("http-send-request"),
                              {"url": UPLOAD_URL, "method": "POST", "filePath": "a.txt", "body": "b"}, tmp_dir=tmp_path)
    assert "give either body or filePath" in result.error
