"""Full-config mode end to end: Google Sheets' add-single-row configured step by step with
the official `mcp` client, in both protocol eras and over legacy SSE; the tool list changes
are announced; the state lives in the store, so a second gateway process can continue."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from mcp import Client
from mcp.client.sse import sse_client

from mcp_gateway.mcp.conversations import Conversation, ConversationStore, conversation_key
from mcp_gateway.runtime.service import Caller
from tests.apps.test_google_sheets import SHEETS, SID, WORKSHEETS, append_response, value_range
from tests.e2e.test_mcp_transports import streamable
from tests.support import GatewayServer, gateway_settings

pytestmark = pytest.mark.both_databases

ACTION = "google_sheets-add-single-row"
BEGIN = "begin_configuration_google_sheets-add-single-row"


@pytest.fixture
def sheets(respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get(f"{SHEETS}/spreadsheets/{SID}", params={"fields": "sheets.properties"}).mock(
        return_value=httpx.Response(200, json=WORKSHEETS))
    header = respx_mock.get(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales'!1:1").mock(
        return_value=httpx.Response(200, json=value_range("'Q2 Sales'!A1:Z1", [["Name", "Email", "", " Age "]])))
    append = respx_mock.post(f"{SHEETS}/spreadsheets/{SID}/values/'Q2%20Sales':append").mock(
        return_value=httpx.Response(200, json=append_response("'Q2 Sales'!A1:D4", "'Q2 Sales'!A5:D5", 1, 4)))
    return {"header": header, "append": append}


@pytest.fixture(scope="module")
def sheets_account(server, project):
    return server.add_account(project["project_id"], "fc-user", "google_sheets", {"oauth_access_token": "ya29.fullconfig"})


def headers(project, conversation=None, **extra):
    h = {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
         "x-pd-environment": "development", "x-pd-external-user-id": "fc-user", "x-pd-app-slug": "google_sheets",
         "x-pd-tool-mode": "full-config", **extra}
    if conversation:
        h["x-pd-conversation-id"] = conversation
    return h


def names(tools) -> list[str]:
    return [t.name for t in tools.tools]


async def configure(client, sheets) -> None:
    """The whole configuration, asserting the tool list at each step."""
    before = names(await client.list_tools())
    assert BEGIN in before and ACTION not in before
    assert "google_sheets-get-values-in-range" in before  # actions without dynamic props are whole tools
    started = await client.call_tool(BEGIN, {})
    assert started.is_error is False
    tools = names(await client.list_tools())
    assert tools == ["configure_props", "list_prop_options", "abort_configuration"]
    tabs = await client.call_tool("list_prop_options", {"propName": "worksheetId"})
    assert "sheetId" in tabs.content[0].text  # it needs the spreadsheet first
    await client.call_tool("configure_props", {"sheetId": SID})
    tabs = await client.call_tool("list_prop_options", {"propName": "worksheetId"})
    assert {"label": "Q2 Sales", "value": "1638419013"} in tabs.structured_content["options"]
    reloaded = await client.call_tool("configure_props", {"worksheetId": "1638419013", "hasHeaders": True})
    assert "New inputs: col_0000, col_0001, col_0003" in reloaded.content[0].text
    listed = await client.list_tools()
    configure_tool = next(t for t in listed.tools if t.name == "configure_props")
    assert {"col_0000", "col_0001", "col_0003"} <= set(configure_tool.input_schema["properties"])
    assert "run_configured_action" in names(listed)
    await client.call_tool("configure_props", {"col_0000": "Alice", "col_0003": "30"})
    ran = await client.call_tool("run_configured_action", {})
    assert ran.is_error is False, ran.content[0].text
    assert ran.content[0].text.startswith("Added 1 row to Q2 Sales")
    assert json.loads(sheets["append"].calls.last.request.content) == {"values": [["Alice", "", "", "30"]]}
    assert sheets["append"].calls.last.request.headers["authorization"] == "Bearer ya29.fullconfig"
    assert BEGIN in names(await client.list_tools())  # back to the full list


async def test_full_config_in_the_2025_era_announces_every_change(server, project, sheets_account, sheets):
    changes = []

    async def on_message(message):
        if getattr(message, "method", None) == "notifications/tools/list_changed" or "ToolListChanged" in type(message).__name__:
            changes.append(message)

    async with Client(streamable(server.url + "/", headers(project)), mode="legacy", message_handler=on_message) as client:
        await configure(client, sheets)
    # begin, two configure_props that change the inputs, one more value, the run
    assert len(changes) >= 5


async def test_full_config_in_the_2026_era_with_a_conversation_id(server, project, sheets_account, sheets):
    async with Client(streamable(server.url + "/", headers(project, "conv-2026")), mode="2026-07-28") as client:
        await configure(client, sheets)


async def test_full_config_over_legacy_sse(server, project, sheets_account, sheets):
    async with Client(sse_client(server.url + "/", headers=headers(project)), mode="legacy") as client:
        await configure(client, sheets)


async def test_stateless_requests_without_a_conversation_id_are_told_what_to_send(server, project, sheets_account):
    async with Client(streamable(server.url + "/", headers(project)), mode="2026-07-28") as client:
        answer = await client.call_tool(BEGIN, {})
    assert answer.is_error is True and "x-pd-conversation-id" in answer.content[0].text


def kept_note(conversation_id):
    return (f"\n\nThis is kept under conversation id {conversation_id!r}. A client without an MCP session must send "
            f"the header `x-pd-conversation-id: {conversation_id}` on every later request (listing and calling tools) "
            "to keep the configuration; a request without it starts over.")


async def test_stateless_clients_are_told_to_send_the_conversation_id_again(server, project, sheets_account, sheets):
    async with Client(streamable(server.url + "/", headers(project, "conv-resend")), mode="2026-07-28") as client:
        started = await client.call_tool(BEGIN, {})
        assert started.content[0].text == (
            f"Configuring {ACTION}. List the tools again: set its inputs with configure_props, look up valid values "
            f"with list_prop_options, then call run_configured_action.{kept_note('conv-resend')}"
        )
        continued = await client.call_tool("configure_props", {"sheetId": SID})
        assert continued.content[0].text == (
            "Set sheetId. New inputs: myColumnData. Still required: worksheetId, hasHeaders, myColumnData. "
            "List the tools again to see the updated inputs."
            + kept_note("conv-resend")
        )
    # As the note says: a stateless request without the header starts over; with it, the configuration goes on.
    async with Client(streamable(server.url + "/", headers(project)), mode="2026-07-28") as client:
        assert BEGIN in names(await client.list_tools())
    async with Client(streamable(server.url + "/", headers(project, "conv-resend")), mode="2026-07-28") as client:
        assert names(await client.list_tools()) == ["configure_props", "list_prop_options", "abort_configuration"]
        await client.call_tool("abort_configuration", {})


def test_a_second_gateway_process_continues_the_configuration(server, project, sheets_account, tmp_path, respx_mock):
    """Two gateways on one database: configuration begun on one is continued on the other."""
    respx_mock.route(host="127.0.0.1").pass_through()
    other = GatewayServer(gateway_settings(server.settings.data_dir, database_url=server.settings.database_url,
                                           secret_key=server.settings.secret_key)).start()
    try:
        body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": BEGIN, "arguments": {}}}
        meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}
        h = {**headers(project, "conv-two-processes"), "MCP-Protocol-Version": "2026-07-28",
             "Accept": "application/json, text/event-stream"}
        body["params"]["_meta"] = meta
        started = httpx.post(server.url + "/", json=body, headers={**h, "Mcp-Method": "tools/call", "Mcp-Name": BEGIN})
        # The list change is announced on subscriptions/listen streams (tests/conformance/test_two_processes.py).
        assert started.json()["result"]["isError"] is False
        listed = httpx.post(other.url + "/", json={"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {"_meta": meta}},
                            headers={**h, "Accept": "application/json", "Mcp-Method": "tools/list"}).json()
        assert [t["name"] for t in listed["result"]["tools"]] == ["configure_props", "list_prop_options", "abort_configuration"]
    finally:
        other.stop()


def test_two_processes_starting_one_conversation_at_once_both_save_it(server, project):
    """Two stores on one database, as in two processes, save a conversation's first state at the
    same moment: both succeed and one of the two states is kept."""
    caller = Caller(project["project_id"], "development", "racing-user")
    stores = [ConversationStore(server.gateway.db, server.gateway.vault, ttl=3600) for _ in range(2)]

    async def race(conversation_id: str) -> Conversation:
        key = conversation_key(caller, conversation_id)
        await asyncio.gather(stores[0].save(caller, Conversation(key, action_key=ACTION)),
                             stores[1].save(caller, Conversation(key, apps=("google_sheets",))))
        return await stores[0].get(caller, conversation_id)

    for n in range(10):
        kept = server.call(race(f"race-{n}"))
        assert (kept.action_key, kept.apps) in ((ACTION, None), (None, ("google_sheets",)))


async def test_long_action_keys_get_short_stable_begin_names():
    from mcp_gateway.catalog import App, NoAuth, props
    from mcp_gateway.mcp.full_config import begin_tool_name

    app = App("a_very_long_application_slug_for_naming", "Long", "An app with a long slug.", auth=NoAuth())

    async def more(ctx):
        return {}

    @app.action("an-action-name-that-is-long-enough-to-overflow", title="T", description="D.",
                props={"x": props.string("X", "X.", reload_props=True)}, additional_props=more)
    async def run(ctx):
        return None

    action = app.actions["a_very_long_application_slug_for_naming-an-action-name-that-is-long-enough-to-overflow"]
    name = begin_tool_name(action)
    assert len(name) <= 64 and name.startswith("begin_configuration_") and name == begin_tool_name(action)


async def test_app_discovery_finds_the_apps_then_exposes_their_tools(server, project, sheets_account):
    discovery = {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
                 "x-pd-environment": "development", "x-pd-external-user-id": "fc-user",
                 "x-pd-tool-mode": "full-config", "x-pd-app-discovery": "true"}
    changes = []

    async def on_message(message):
        if "ToolListChanged" in type(message).__name__ or getattr(message, "method", None) == "notifications/tools/list_changed":
            changes.append(message)

    async with Client(streamable(server.url + "/", discovery), mode="legacy", message_handler=on_message) as client:
        assert names(await client.list_tools()) == ["discover_apps", "select_apps"]
        found = await client.call_tool("discover_apps", {"query": "Add this email to my spreadsheet"})
        apps = found.structured_content["apps"]
        assert "A client without an MCP session must send the header `x-pd-conversation-id: " in found.content[0].text
        assert apps[0]["slug"] == "google_sheets"
        assert set(apps[0]) == {"slug", "name", "score", "reason"} and apps[0]["reason"]
        assert [a["score"] for a in apps] == sorted((a["score"] for a in apps), reverse=True)
        tools = names(await client.list_tools())
        assert BEGIN in tools and "discover_apps" in tools
        chosen = await client.call_tool("select_apps", {"apps": ["slack"]})
        assert chosen.is_error is False
        assert "slack-send-message" in names(await client.list_tools())
        refused = await client.call_tool("select_apps", {"apps": ["nosuch"]})
        assert refused.is_error is True and "discover_apps" in refused.content[0].text
    assert len(changes) == 2


async def test_app_discovery_needs_full_config(server, project):
    h = {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
         "x-pd-environment": "development", "x-pd-external-user-id": "fc-user", "x-pd-app-discovery": "true",
         "Accept": "application/json, text/event-stream"}
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
    answer = httpx.post(server.url + "/", json=init, headers=h)
    assert answer.status_code == 400 and "toolMode=full-config" in answer.json()["error"]["message"]
