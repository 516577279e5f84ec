"""MCP resources over HTTP: the files a tool call writes are `stash://` resources their owner reads
(and no one else, and only while the stash lasts), and apps declare resources of their own, read
with the user's account."""

from __future__ import annotations

import base64
import json
import textwrap
from datetime import timedelta

import httpx
import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from sqlalchemy import update

from mcp_gateway.mcp.resources import PAGE_SIZE, READ_LIMIT
from mcp_gateway.store.models import FileStash, utcnow
from tests.e2e.test_mcp_transports import streamable
from tests.files.samples import PDF
from tests.support import GatewayServer, gateway_settings, parameter_headers

pytestmark = pytest.mark.both_databases

NOTES_URL = "https://files.example.com/notes.txt"
REPORT_URL = "https://files.example.com/report.pdf"
HUGE_URL = "https://files.example.com/huge.bin"
DEMO_API = "https://api.resourcedemo.example"
ERAS = ["legacy", "2026-07-28"]
NOT_FOUND = {"legacy": -32002, "2026-07-28": -32602}  # the 2025-11-25 code; SEP-2164's since
INVALID_PARAMS = -32602

RESOURCE_APP = textwrap.dedent(
    '''
    from mcp_gateway.catalog import App, KeyField, Keys

    app = App(
        "resourcedemo", "Resource Demo", "Notes behind an API key, as MCP resources.",
        auth=Keys([KeyField("api_key", "API key")]),
        base_url="https://api.resourcedemo.example",
        allowed_domains=["api.resourcedemo.example"],
        auth_headers=lambda auth: {"Authorization": f"Bearer {auth['api_key']}"},
    )


    @app.resource("demo://profile", name="profile", title="Your profile", mime_type="application/json",
                  description="The account's profile.")
    async def profile(ctx):
        return (await ctx.http.get("/me")).text


    @app.resource_template("demo://notes/{id}", name="note", title="A note", mime_type="text/plain",
                           description="One note, by its id.")
    async def note(ctx, id):
        return (await ctx.http.get(f"/notes/{id}")).json()["body"]
    '''
)
FILE_MAKER_APP = textwrap.dedent(
    '''
    from mcp_gateway.catalog import App, NoAuth, props

    app = App("filemaker", "File Maker", "Writes numbered files to /tmp.", auth=NoAuth())


    @app.action("write-files", title="Write files", description="Write `count` small text files to /tmp/out.",
                props={"count": props.integer("Count", "How many files")}, stash="required")
    async def write_files(ctx):
        for i in range(ctx.props.count):
            path = ctx.tmp_path(f"/tmp/out/file {i:03}.txt")
            path.parent.mkdir(exist_ok=True)
            path.write_text(f"file {i}\\n")
        return ctx.props.count
    '''
)


@pytest.fixture(scope="module")
def server(tmp_path_factory, database_backend):
    tools = tmp_path_factory.mktemp("tools")
    for slug, source in (("resourcedemo", RESOURCE_APP), ("filemaker", FILE_MAKER_APP)):
        (tools / slug).mkdir()
        (tools / slug / "app.py").write_text(source)
    gateway = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"), database_backend,
                                             custom_tools_dir=tools, packs=False))
    gateway.settings.public_url = gateway.url  # where the local store's download links point
    yield gateway.start()
    gateway.stop()


@pytest.fixture
def upstream(respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get(NOTES_URL).mock(return_value=httpx.Response(200, text="remember the milk\n"))
    respx_mock.get(REPORT_URL).mock(return_value=httpx.Response(200, content=PDF))
    return respx_mock


def connect(server, project, user: str, era: str) -> Client:
    headers = parameter_headers(project, user) | {"x-pd-app-slug": "http,resourcedemo,filemaker"}
    return Client(streamable(server.url + "/", headers), mode=era)


async def download(client: Client, url: str, path: str) -> dict:
    """Call http-download-file into a new stash; the result's resource link."""
    result = await client.call_tool("http-download-file", {"url": url, "filePath": path, "stash_id": "NEW"})
    assert result.is_error is False, result.content[0].text
    link = next(c for c in result.content if c.type == "resource_link")
    return {"uri": str(link.uri), "link": link, "stash_id": result.structured_content["stash_id"]}


async def not_found(client: Client, uri: str) -> MCPError:
    with pytest.raises(MCPError) as raised:
        await client.read_resource(uri)
    return raised.value


@pytest.mark.parametrize("era", ERAS)
async def test_a_written_file_is_a_resource_its_owner_reads(server, project, upstream, era):
    async with connect(server, project, f"owner-{era}", era) as client:
        notes = await download(client, NOTES_URL, "/tmp/notes.txt")
        report = await download(client, REPORT_URL, "/tmp/docs/report.pdf")
        text = await client.read_resource(notes["uri"])
        binary = await client.read_resource(report["uri"])
    assert notes["uri"] == f"stash://{notes['stash_id']}/notes.txt"
    assert report["uri"] == f"stash://{report['stash_id']}/docs/report.pdf"
    [content] = text.contents
    assert (content.text, content.mime_type, str(content.uri)) == ("remember the milk\n", "text/plain", notes["uri"])
    [content] = binary.contents
    assert content.mime_type == "application/pdf" and base64.b64decode(content.blob) == PDF
    # The https download link rides along, for clients that do not read resources.
    url = notes["link"].meta["mcp-gateway/downloadUrl"]
    assert url in notes["link"].description
    assert httpx.get(url).text == "remember the milk\n"
    if era != "legacy":
        assert (text.ttl_ms, text.cache_scope) == (0, "private")


@pytest.mark.parametrize("era", ERAS)
async def test_another_user_of_the_project_gets_not_found(server, project, upstream, era):
    async with connect(server, project, f"writer-{era}", era) as client:
        notes = await download(client, NOTES_URL, "/tmp/notes.txt")
    async with connect(server, project, f"someone-else-{era}", era) as client:
        error = await not_found(client, notes["uri"])
        listed = await client.list_resources()
    assert error.code == NOT_FOUND[era] and error.data == {"uri": notes["uri"]}
    assert error.message.startswith("Resource not found: ") and "stashes last 24 hours" in error.message
    assert notes["uri"] not in [str(r.uri) for r in listed.resources]


async def test_another_project_gets_not_found(server, project, upstream):
    other = server.create_project("other project")
    other["token"] = server.token(other)
    async with connect(server, project, "shared-name", "legacy") as client:
        notes = await download(client, NOTES_URL, "/tmp/notes.txt")
    async with connect(server, other, "shared-name", "legacy") as client:
        assert (await not_found(client, notes["uri"])).code == NOT_FOUND["legacy"]


@pytest.mark.parametrize("era", ERAS)
async def test_after_the_stash_expires_its_files_are_not_found(server, project, upstream, era):
    async with connect(server, project, f"expiring-{era}", era) as client:
        notes = await download(client, NOTES_URL, "/tmp/notes.txt")
        assert (await client.read_resource(notes["uri"])).contents[0].text == "remember the milk\n"
        server.execute(update(FileStash).where(FileStash.id == notes["stash_id"])
                       .values(expires_at=utcnow() - timedelta(seconds=1)))
        error = await not_found(client, notes["uri"])
        listed = await client.list_resources()
    assert error.code == NOT_FOUND[era] and error.data == {"uri": notes["uri"]}
    assert notes["uri"] not in [str(r.uri) for r in listed.resources]


@pytest.mark.parametrize("uri", ["stash://{stash_id}/missing.txt", "stash://{stash_id}/../notes.txt",
                                 "stash://{stash_id}", "stash://{stash_id}/notes.txt?x=1", "stash://" + "f" * 32 + "/notes.txt"])
async def test_a_path_the_stash_does_not_hold_is_not_found(server, project, upstream, uri):
    async with connect(server, project, "prober", "2026-07-28") as client:
        notes = await download(client, NOTES_URL, "/tmp/notes.txt")
        asked = uri.format(stash_id=notes["stash_id"])
        error = await not_found(client, asked)
    assert error.code == NOT_FOUND["2026-07-28"] and error.data == {"uri": asked}


@pytest.mark.parametrize("era", ERAS)
async def test_resources_list_shows_the_users_own_files_only(server, project, upstream, era):
    async with connect(server, project, f"lister-a-{era}", era) as client:
        mine = await download(client, NOTES_URL, "/tmp/mine.txt")
        listed = await client.list_resources()
    async with connect(server, project, f"lister-b-{era}", era) as client:
        theirs = await download(client, NOTES_URL, "/tmp/theirs.txt")
    uris = [str(r.uri) for r in listed.resources]
    assert mine["uri"] in uris and theirs["uri"] not in uris
    assert uris[0] == "demo://profile"  # the selected apps' own resources come first
    entry = next(r for r in listed.resources if str(r.uri) == mine["uri"])
    assert (entry.name, entry.title, entry.mime_type, entry.size) == ("mine.txt", "/tmp/mine.txt", "text/plain", 18)
    assert mine["stash_id"] in entry.description
    if era != "legacy":  # stash files come and go: not to be kept, and the caller's own
        assert (listed.ttl_ms, listed.cache_scope) == (0, "private")


async def test_a_long_list_comes_in_pages(server, project):
    async with connect(server, project, "prolific", "2026-07-28") as client:
        wrote = await client.call_tool("filemaker-write-files", {"count": PAGE_SIZE + 1})
        assert wrote.is_error is False, wrote.content[0].text
        first = await client.list_resources()
        second = await client.list_resources(cursor=first.next_cursor)
        with pytest.raises(MCPError) as bad:
            await client.list_resources(cursor="not-a-cursor")
    files = [str(r.uri) for r in first.resources + second.resources if str(r.uri).startswith("stash://")]
    assert first.next_cursor is not None and second.next_cursor is None
    assert len(files) == len(set(files)) == PAGE_SIZE + 1
    assert f"stash://{wrote.structured_content['stash_id']}/out/file%20000.txt" in files
    assert bad.value.code == INVALID_PARAMS and "list again without a cursor" in bad.value.message


async def test_a_file_too_large_to_read_points_to_its_download_link(server, project, upstream):
    upstream.get(HUGE_URL).mock(return_value=httpx.Response(200, content=b"\x00" * (READ_LIMIT + 1)))
    async with connect(server, project, "hoarder", "legacy") as client:
        huge = await download(client, HUGE_URL, "/tmp/huge.bin")
        with pytest.raises(MCPError) as raised:
            await client.read_resource(huge["uri"])
    error = raised.value
    assert error.code == INVALID_PARAMS and f"up to {READ_LIMIT} bytes (4 MiB)" in error.message
    assert error.data["uri"] == huge["uri"] and error.data["size"] == READ_LIMIT + 1
    assert error.data["downloadUrl"] in error.message
    assert len(httpx.get(error.data["downloadUrl"]).content) == READ_LIMIT + 1


@pytest.mark.parametrize("era", ERAS)
async def test_an_apps_resources_are_read_with_the_users_account(server, project, respx_mock, era):
    respx_mock.route(host="127.0.0.1").pass_through()
    me = respx_mock.get(f"{DEMO_API}/me").mock(return_value=httpx.Response(200, json={"name": "Ada"}))
    respx_mock.get(f"{DEMO_API}/notes/n%201").mock(return_value=httpx.Response(200, json={"body": "buy milk"}))
    user = f"reader-{era}"
    server.add_account(project["project_id"], user, "resourcedemo", {"api_key": "sk_demo_secret"})
    async with connect(server, project, user, era) as client:
        templates = await client.list_resource_templates()
        profile = await client.read_resource("demo://profile")
        note = await client.read_resource("demo://notes/n%201")
        unknown = await not_found(client, "demo://nothing-here")
    assert [t.uri_template for t in templates.resource_templates] == ["demo://notes/{id}", "stash://{stash_id}/{+path}"]
    assert json.loads(profile.contents[0].text) == {"name": "Ada"}
    assert profile.contents[0].mime_type == "application/json"
    assert (note.contents[0].text, note.contents[0].mime_type) == ("buy milk", "text/plain")
    assert me.calls.last.request.headers["authorization"] == "Bearer sk_demo_secret"
    assert "sk_demo_secret" not in json.dumps([profile.model_dump(mode="json"), note.model_dump(mode="json")])
    assert unknown.code == NOT_FOUND[era] and "resources/list and resources/templates/list" in unknown.message
    if era != "legacy":
        assert (templates.ttl_ms, templates.cache_scope) == (300_000, "private")


async def test_an_apps_resource_without_an_account_says_to_connect_one(server, project):
    async with connect(server, project, "unconnected", "legacy") as client:
        with pytest.raises(MCPError) as raised:
            await client.read_resource("demo://profile")
    error = raised.value
    assert error.code == INVALID_PARAMS and error.data == {"uri": "demo://profile", "app": "resourcedemo"}
    assert "has no connected Resource Demo account" in error.message and "Connect Link" in error.message


async def test_read_needs_a_uri(server, project):
    headers = parameter_headers(project, "raw") | {"Accept": "application/json, text/event-stream",
                                                   "MCP-Protocol-Version": "2025-11-25"}
    body = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
    started = httpx.post(server.url + "/", json=body, headers=headers)
    headers["Mcp-Session-Id"] = started.headers["mcp-session-id"]
    answer = httpx.post(server.url + "/", json={"jsonrpc": "2.0", "id": 2, "method": "resources/read", "params": {}},
                        headers=headers)
    assert answer.json()["error"]["code"] == INVALID_PARAMS
    assert "needs params.uri" in answer.json()["error"]["message"]
