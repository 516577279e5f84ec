"""File Stash in MCP (tools-only): tools with a `stash` take a `stash_id` argument, and the files
a call leaves come back as resource links, small text files inline too."""

from __future__ import annotations

import httpx
import pytest
from mcp import Client

from tests.e2e.test_mcp_transports import streamable
from tests.files.samples import PDF
from tests.support import GatewayServer, gateway_settings

pytestmark = pytest.mark.both_databases

NOTES_URL = "https://files.example.com/notes.txt"
REPORT_URL = "https://files.example.com/report.pdf"
UPLOAD_URL = "https://uploads.example.com/v1/files"


@pytest.fixture(scope="module")
def server(tmp_path_factory, database_backend):
    gateway = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"), database_backend))
    gateway.settings.public_url = gateway.url  # where the local store's links point
    yield gateway.start()
    gateway.stop()


@pytest.fixture
def upstream(respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get(NOTES_URL).mock(return_value=httpx.Response(200, text="remember the milk\n"))
    respx_mock.get(REPORT_URL).mock(return_value=httpx.Response(200, content=PDF))
    return respx_mock


@pytest.fixture
def client(server, pd_headers):
    return Client(streamable(server.url + "/", pd_headers), mode="legacy")


async def test_tools_with_a_stash_take_a_stash_id(client):
    async with client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    for name in ("http-download-file", "http-send-request"):
        stash = tools[name].input_schema["properties"]["stash_id"]
        assert stash["type"] == "string" and '"NEW"' in stash["description"]
        assert "stash_id" not in tools[name].input_schema.get("required", [])


async def test_stashed_files_come_back_as_resource_links(client, upstream):
    async with client:
        notes = await client.call_tool("http-download-file", {"url": NOTES_URL, "filePath": "/tmp/notes.txt", "stash_id": "NEW"})
        report = await client.call_tool("http-download-file", {"url": REPORT_URL, "filePath": "/tmp/report.pdf", "stash_id": "NEW"})
    assert notes.is_error is False, notes.content[0].text
    text, link, inline = notes.content
    stash_id = notes.structured_content["stash_id"]
    assert f'pass stash_id "{stash_id}" to a later call' in text.text
    assert link.type == "resource_link"
    assert (link.name, link.mime_type, link.size) == ("notes.txt", "text/plain", 18)
    # The link is a resource the gateway serves (tests/e2e/test_mcp_resources.py reads it); the
    # download link rides along in its _meta and description.
    assert str(link.uri) == f"stash://{stash_id}/notes.txt"
    download_url = link.meta["mcp-gateway/downloadUrl"]
    assert download_url == notes.structured_content["exports"]["$filestash_uploads"][0]["get_url"]
    assert download_url in link.description
    assert httpx.get(download_url).text == "remember the milk\n"
    assert inline.type == "resource" and inline.resource.text == "remember the milk\n"
    # A binary file is a link only.
    assert [c.type for c in report.content] == ["text", "resource_link"]
    assert report.content[1].mime_type == "application/pdf"
    assert httpx.get(report.content[1].meta["mcp-gateway/downloadUrl"]).content == PDF


async def test_a_later_call_reuses_the_stash(client, upstream):
    route = upstream.post(UPLOAD_URL).mock(return_value=httpx.Response(201, json={"id": "up_9"}))
    async with client:
        first = await client.call_tool("http-download-file", {"url": REPORT_URL, "filePath": "/tmp/r.pdf", "stash_id": "NEW"})
        stash_id = first.structured_content["stash_id"]
        second = await client.call_tool("http-send-request", {"url": UPLOAD_URL, "method": "POST",
                                                              "filePath": "/tmp/r.pdf", "stash_id": stash_id})
    assert second.is_error is False, second.content[0].text
    assert route.calls.last.request.content == PDF
    assert second.structured_content["stash_id"] == stash_id
    assert [c.type for c in second.content] == ["text"]  # nothing new to link


async def test_without_a_stash_id_no_files_are_linked(client, upstream):
    async with client:
        result = await client.call_tool("http-download-file", {"url": NOTES_URL, "filePath": "/tmp/notes.txt"})
    assert result.is_error is False
    assert [c.type for c in result.content] == ["text"] and "stash_id" not in result.structured_content


async def test_an_unknown_stash_is_an_error_result(client, upstream):
    async with client:
        result = await client.call_tool("http-download-file", {"url": NOTES_URL, "filePath": "/tmp/n.txt", "stash_id": "f" * 32})
    assert result.is_error is True
    assert "no File Stash" in result.content[0].text and 'Pass stash_id "NEW"' in result.content[0].text
