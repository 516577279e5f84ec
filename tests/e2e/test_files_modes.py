"""File Stash in full-config and sub-agent modes, through the MCP endpoint: `stash_id` is an
argument of the configured run and of the instruction tool, files come back as resource
links, and a later call with the same stash id has them in /tmp again."""

from __future__ import annotations

import textwrap

import httpx
import pytest
from mcp import Client

from tests.e2e.test_mcp_transports import streamable
from tests.llm_server import LLMRequest, ScriptedLLM, Turn
from tests.support import GatewayServer, gateway_settings

pytestmark = pytest.mark.both_databases

REPORT_APP = """
from mcp_gateway.catalog import App, NoAuth

app = App("report_kit", "Report Kit", "Writes reports to /tmp.", auth=NoAuth(), categories=["Testing"])
"""

REPORT_ACTIONS = '''
from mcp_gateway.catalog import props

from ..app import app


async def format_props(ctx):
    if ctx.props.get("format") == "csv":
        return {"columns": props.string_list("Columns", "Column names, in order.")}
    return {"title": props.string("Title", "The heading of the report.")}


@app.action(
    "render",
    title="Render Report",
    description="Write a report file under /tmp.",
    props={"format": props.string("Format", "csv or md.", options=["csv", "md"], reload_props=True)},
    additional_props=format_props,
    stash="required",
)
async def render(ctx):
    if ctx.props.format == "csv":
        path, text = "/tmp/report.csv", ",".join(ctx.props.columns) + "\\n"
    else:
        path, text = "/tmp/report.md", f"# {ctx.props.title}\\n"
    ctx.tmp_path(path).write_text(text)
    ctx.summary = f"Wrote {path}"
    return {"path": path}


@app.action(
    "read",
    title="Read Report",
    description="Read a report file from /tmp.",
    props={"path": props.string("Path", "The file under /tmp.")},
    stash="required",
    read_only=True,
)
async def read(ctx):
    ctx.summary = f"Read {ctx.props.path}"
    return {"text": ctx.tmp_path(ctx.props.path).read_text()}
'''

RENDER = "custom.report_kit-render"
READ = "custom.report_kit-read"
FILE_URL = "https://files.example.com/notes.txt"
UPLOAD_URL = "https://uploads.example.com/v1/files"


@pytest.fixture(scope="module")
def llm():
    server = ScriptedLLM().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory, llm, database_backend):
    custom = tmp_path_factory.mktemp("custom")
    (custom / "report_kit" / "actions").mkdir(parents=True)
    (custom / "report_kit" / "app.py").write_text(textwrap.dedent(REPORT_APP))
    (custom / "report_kit" / "actions" / "report.py").write_text(textwrap.dedent(REPORT_ACTIONS))
    settings = gateway_settings(
        tmp_path_factory.mktemp("gateway"), database_backend, custom_tools_dir=custom,
        llm_provider="anthropic", llm_api_key="sk-e2e-not-a-real-key-0000000000", llm_base_url=llm.anthropic_url,
        llm_model="claude-haiku-4-5",
    )
    server = GatewayServer(settings)
    server.settings.public_url = server.url  # where the local store's links point
    server.start()
    project = server.create_project()
    project["token"] = server.token(project)
    yield server, project
    server.stop()


def headers(project, app: str, mode: str, conversation: str | None = None) -> dict[str, str]:
    h = {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
         "x-pd-environment": "development", "x-pd-external-user-id": "stash-user", "x-pd-app-slug": app,
         "x-pd-tool-mode": mode}
    if conversation:
        h["x-pd-conversation-id"] = conversation
    return h


def full_config(gateway, conversation: str) -> Client:
    server, project = gateway
    return Client(streamable(server.url + "/", headers(project, "report_kit", "full-config", conversation)), mode="legacy")


async def configure_csv(client) -> None:
    await client.call_tool("begin_configuration_" + RENDER, {})
    await client.call_tool("configure_props", {"format": "csv"})
    await client.call_tool("configure_props", {"columns": ["name", "email"]})


async def test_a_configured_run_gets_a_stash_and_a_later_call_reads_it(gateway):
    async with full_config(gateway, "conv-stash-1") as client:
        await configure_csv(client)
        run_tool = next(t for t in (await client.list_tools()).tools if t.name == "run_configured_action")
        assert "A new stash is made when this is left out" in run_tool.input_schema["properties"]["stash_id"]["description"]
        ran = await client.call_tool("run_configured_action", {})  # the action requires a stash: a new one
        assert ran.is_error is False, ran.content[0].text
        stash_id = ran.structured_content["stash_id"]
        text, link, inline = ran.content
        assert text.text.startswith("Wrote /tmp/report.csv") and f'pass stash_id "{stash_id}"' in text.text
        assert link.type == "resource_link" and link.name == "report.csv"
        assert str(link.uri) == f"stash://{stash_id}/report.csv"
        assert httpx.get(link.meta["mcp-gateway/downloadUrl"]).text == "name,email\n"
        assert inline.resource.text == "name,email\n"

        read = await client.call_tool(READ, {"path": "/tmp/report.csv", "stash_id": stash_id})
    assert read.is_error is False, read.content[0].text
    assert read.structured_content["ret"] == {"text": "name,email\n"}
    assert read.structured_content["stash_id"] == stash_id


async def test_a_configured_run_restores_the_stash_it_is_given(gateway):
    async with full_config(gateway, "conv-stash-2") as client:
        first = await client.call_tool(READ, {"path": "/tmp/notes.md", "stash_id": "NEW"})
        assert first.is_error is True and "/tmp/notes.md" in first.content[0].text  # an empty stash
        await client.call_tool("begin_configuration_" + RENDER, {})
        await client.call_tool("configure_props", {"format": "md"})
        await client.call_tool("configure_props", {"title": "Q3"})
        made = await client.call_tool("run_configured_action", {"stash_id": "NEW"})
        stash_id = made.structured_content["stash_id"]
        await client.call_tool("begin_configuration_" + RENDER, {})
        await client.call_tool("configure_props", {"format": "csv"})
        await client.call_tool("configure_props", {"columns": ["a"]})
        again = await client.call_tool("run_configured_action", {"stash_id": stash_id})
        both = await client.call_tool(READ, {"path": "/tmp/report.md", "stash_id": stash_id})
    assert again.is_error is False and again.structured_content["stash_id"] == stash_id
    uploads = again.structured_content["exports"]["$filestash_uploads"]
    assert [u["localPath"] for u in uploads] == ["/tmp/report.csv"]  # the restored .md was not changed
    assert both.structured_content["ret"] == {"text": "# Q3\n"}


async def test_a_configured_run_names_a_bad_stash_or_argument(gateway):
    async with full_config(gateway, "conv-stash-3") as client:
        await configure_csv(client)
        unknown = await client.call_tool("run_configured_action", {"stash_id": "fs_doesnotexist"})
        extra = await client.call_tool("run_configured_action", {"columns": ["x"]})
        tools = [t.name for t in (await client.list_tools()).tools]
    assert unknown.is_error is True and "no File Stash 'fs_doesnotexist'" in unknown.content[0].text
    assert extra.is_error is True and "set columns with configure_props" in extra.content[0].text
    assert "run_configured_action" in tools  # neither ran: the configuration is still there


@pytest.fixture
def upstream(respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get(FILE_URL).mock(return_value=httpx.Response(200, text="remember the milk\n",
                                                              headers={"content-type": "text/plain"}))
    return respx_mock


async def test_the_sub_agent_runs_with_the_callers_stash(gateway, llm, upstream):
    server, project = gateway
    upload = upstream.post(UPLOAD_URL).mock(return_value=httpx.Response(201, json={"id": "up_1"}))

    def download(request: LLMRequest) -> Turn:
        return Turn(calls=[("set_props", {"values": {"url": FILE_URL, "filePath": "/tmp/notes.txt"}}), ("run", {})])

    def send(request: LLMRequest) -> Turn:
        return Turn(calls=[("set_props", {"values": {"url": UPLOAD_URL, "method": "POST", "filePath": "/tmp/notes.txt"}}),
                           ("run", {})])

    client = Client(streamable(server.url + "/", headers(project, "http", "sub-agent")), mode="legacy")
    async with client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert list(tools["http-download-file"].input_schema["properties"]) == ["instruction", "stash_id"]
        llm.script(download)
        fetched = await client.call_tool("http-download-file", {"instruction": f"Save {FILE_URL} as /tmp/notes.txt",
                                                                "stash_id": "NEW"})
        assert fetched.is_error is False, fetched.content[0].text
        stash_id = fetched.structured_content["stash_id"]
        assert f'pass stash_id "{stash_id}"' in fetched.content[0].text
        assert [c.type for c in fetched.content] == ["text", "resource_link", "resource"]
        assert str(fetched.content[1].uri) == f"stash://{stash_id}/notes.txt"
        assert httpx.get(fetched.content[1].meta["mcp-gateway/downloadUrl"]).text == "remember the milk\n"

        llm.script(send)
        sent = await client.call_tool("http-send-request", {"instruction": f"POST /tmp/notes.txt to {UPLOAD_URL}",
                                                            "stash_id": stash_id})
        wrong = await client.call_tool("http-download-file", {"instruction": "x", "stashId": "NEW"})
    assert sent.is_error is False, sent.content[0].text
    assert upload.calls.last.request.content == b"remember the milk\n"
    assert sent.structured_content["stash_id"] == stash_id
    assert wrong.is_error is True and "takes `instruction` and `stash_id`, not stashId" in wrong.content[0].text
    assert llm.remaining == 0
