import json

import httpx
import pytest

from mcp_gateway.runtime.engine import run_action
from mcp_gateway.runtime.errors import ConfigurationError


async def test_send_request_sends_json_body_and_returns_parsed_response(catalog, respx_mock):
    route = respx_mock.post("https://api.example.com/v1/items", params={"dry": "1"}).mock(
        return_value=httpx.Response(201, json={"id": 7}, headers={"x-request-id": "abc"})
    )
    result = await run_action(
        catalog.action("http-send-request"),
        {
            "url": "https://api.example.com/v1/items",
            "method": "post",
            "headers": {"X-Api-Version": "2"},
            "params": {"dry": "1"},
            "body": {"name": "widget"},
        },
    )
    assert result.error is None
    sent = route.calls.last.request
    assert sent.method == "POST"
    assert sent.headers["x-api-version"] == "2"
    assert sent.headers["content-type"] == "application/json"
    assert json.loads(sent.content) == {"name": "widget"}
    assert result.ret["status"] == 201
    assert result.ret["body"] == {"id": 7}
    assert result.exports["$summary"] == "POST https://api.example.com/v1/items returned 201"


async def test_send_request_returns_error_statuses_instead_of_failing(catalog, respx_mock):
    respx_mock.get("https://api.example.com/missing").mock(return_value=httpx.Response(404, text="nope"))
    result = await run_action(catalog.action("http-send-request"), {"url": "https://api.example.com/missing"})
    assert result.error is None
    assert result.ret["status"] == 404
    assert result.ret["body"] == "nope"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/admin", "http://localhost/x", "http://10.0.0.5/", "file:///etc/passwd"])
async def test_send_request_refuses_local_and_private_targets(catalog, respx_mock, url):
    result = await run_action(catalog.action("http-send-request"), {"url": url})
    assert result.error is not None
    assert any(words in result.error for words in ("address; allow it with MCP_GATEWAY_PRIVATE_NETWORKS=", "must be an absolute"))
    assert not respx_mock.calls


async def test_send_request_rejects_unknown_and_missing_props_before_running(catalog, respx_mock):
    with pytest.raises(ConfigurationError) as info:
        await run_action(catalog.action("http-send-request"), {"method": "GET", "verb": "x"})
    problems = info.value.problems
    assert any(p.startswith("url: required") for p in problems)
    assert any(p.startswith("verb: not a prop") for p in problems)
    assert not respx_mock.calls


async def test_download_file_writes_into_the_run_tmp_dir(catalog, respx_mock, tmp_path):
    respx_mock.get("https://files.example.com/report.pdf").mock(
        return_value=httpx.Response(200, content=b"%PDF-1.7 data", headers={"content-type": "application/pdf"})
    )
    result = await run_action(
        catalog.action("http-download-file"),
        {"url": "https://files.example.com/report.pdf", "filePath": "/tmp/reports/r.pdf"},
        tmp_dir=tmp_path,
    )
    assert result.error is None
    assert (tmp_path / "reports" / "r.pdf").read_bytes() == b"%PDF-1.7 data"
    assert result.ret == {"filePath": "/tmp/reports/r.pdf", "size": 13, "contentType": "application/pdf"}


async def test_download_file_refuses_paths_outside_tmp(catalog, respx_mock, tmp_path):
    respx_mock.get("https://files.example.com/a").mock(return_value=httpx.Response(200, content=b"x"))
    result = await run_action(
        catalog.action("http-download-file"),
        {"url": "https://files.example.com/a", "filePath": "/tmp/../../etc/evil"},
        tmp_dir=tmp_path,
    )
    assert "must stay inside /tmp" in result.error
