"""A remote MCP server as an app: `mcp-gateway apps add-mcp` snapshots its tools, and the gateway
forwards each call to it with the calling user's own token, over MCP and over REST."""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import mcp_types as types
import pytest
import uvicorn
from mcp import Client
from mcp.server import Server
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from pipedream import Pipedream
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount

from tests.e2e.test_mcp_transports import streamable
from tests.e2e.test_rest_catalog import client_options
from tests.support import GatewayServer, free_port, gateway_settings

ROOT = Path(__file__).resolve().parents[2]
TOKENS = {"list-token": "operator", "ada-token": "ada", "bob-token": "bob"}

TOOLS = [
    types.Tool(name="add_note", title="Add Note", description="Save a note for the signed-in user.",
               input_schema={"type": "object", "required": ["text"], "properties": {
                   "text": {"type": "string", "description": "The note's text."},
                   "tags": {"type": "array", "items": {"type": "string"}, "description": "Labels for the note."}}}),
    types.Tool(name="find_notes", description="Find the signed-in user's notes containing a word.",
               input_schema={"type": "object", "properties": {"word": {"type": "string", "description": "A word."}}},
               annotations=types.ToolAnnotations(read_only_hint=True)),
    types.Tool(name="fail", description="Always fails.", input_schema={"type": "object", "properties": {}}),
]


class Upstream:
    """A streamable HTTP MCP server that knows its users by bearer token and keeps their notes."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/mcp"
        self.notes: dict[str, list[dict]] = {}
        self.seen: list[str | None] = []
        self._server: uvicorn.Server | None = None

    def app(self) -> Starlette:
        # Stateless: each request runs its own session, in tasks that inherit this context.
        current: contextvars.ContextVar[str] = contextvars.ContextVar("user")

        async def list_tools(ctx, params):
            return types.ListToolsResult(tools=TOOLS)

        async def call_tool(ctx, params):
            user = current.get()
            args = params.arguments or {}
            if params.name == "add_note":
                note = {"id": len(self.notes.setdefault(user, [])) + 1, "text": args["text"], "tags": args.get("tags", [])}
                self.notes[user].append(note)
                return types.CallToolResult(content=[types.TextContent(type="text", text=f"Saved note {note['id']}")],
                                            structured_content=note)
            if params.name == "find_notes":
                found = [n for n in self.notes.get(user, []) if args.get("word", "") in n["text"]]
                return types.CallToolResult(content=[types.TextContent(type="text", text=json.dumps(found))])
            return types.CallToolResult(content=[types.TextContent(type="text", text="the notes store is read-only today")],
                                        is_error=True)

        manager = StreamableHTTPSessionManager(Server("notes", on_list_tools=list_tools, on_call_tool=call_tool),
                                               json_response=True, stateless=True)

        async def guarded(scope, receive, send):
            headers = dict(scope.get("headers") or [])
            auth = headers.get(b"authorization", b"").decode()
            self.seen.append(auth or None)
            user = TOKENS.get(auth.removeprefix("Bearer "))
            if user is None:
                await JSONResponse({"error": "invalid_token"}, status_code=401,
                                   headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})(scope, receive, send)
                return
            current.set(user)
            await manager.handle_request(scope, receive, send)

        @contextlib.asynccontextmanager
        async def lifespan(app):
            async with manager.run():
                yield

        return Starlette(routes=[Mount("/mcp", app=guarded)], lifespan=lifespan)

    def start(self) -> Upstream:
        self._server = uvicorn.Server(uvicorn.Config(self.app(), host="127.0.0.1", port=self.port, log_level="warning"))
        threading.Thread(target=self._server.run, daemon=True).start()
        for _ in range(300):
            if self._server.started:
                return self
            threading.Event().wait(0.01)
        raise RuntimeError("the upstream MCP server did not start")

    def stop(self) -> None:
        assert self._server is not None
        self._server.should_exit = True


def add_mcp(url: str, tools: Path, *extra: str, token: str | None = "list-token") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NOTES_TOKEN": token or ""}
    return subprocess.run(
        [sys.executable, "-m", "mcp_gateway", "apps", "add-mcp", url, "--slug", "notes", "--dir", str(tools), *extra],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    upstream = Upstream().start()
    tools = tmp_path_factory.mktemp("tools")
    done = add_mcp(upstream.url, tools, "--name", "Notes", "--auth", "token", "--token-env", "NOTES_TOKEN")
    assert done.returncode == 0, done.stderr
    assert "added Notes as notes" in done.stdout and "3 tools" in done.stdout
    server = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"), custom_tools_dir=tools)).start()
    project = server.create_project()
    project["token"] = server.token(project)
    server.add_account(project["project_id"], "ada", "notes", {"token": "ada-token"})
    server.add_account(project["project_id"], "bob", "notes", {"token": "bob-token"})
    yield server, project, upstream
    server.stop()
    upstream.stop()


def mcp_headers(project, user):
    return {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
            "x-pd-environment": "development", "x-pd-external-user-id": user, "x-pd-app-slug": "notes"}


async def test_calls_are_forwarded_with_each_users_own_token(world):
    server, project, upstream = world
    async with Client(streamable(server.url + "/", mcp_headers(project, "ada")), mode="legacy") as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert set(tools) == {"custom.notes-add-note", "custom.notes-find-notes", "custom.notes-fail"}
        assert tools["custom.notes-find-notes"].annotations.read_only_hint is True
        assert tools["custom.notes-add-note"].input_schema["required"] == ["text"]
        saved = await client.call_tool("custom.notes-add-note", {"text": "buy milk", "tags": ["home"]})
        failed = await client.call_tool("custom.notes-fail", {})
    assert saved.is_error is False, saved.content[0].text
    assert saved.structured_content["ret"] == {"id": 1, "text": "buy milk", "tags": ["home"]}
    assert saved.content[0].text.startswith("Add Note: Saved note 1")
    assert upstream.seen[-2:] == ["Bearer ada-token", "Bearer ada-token"]
    assert failed.is_error is True and "Notes answered: the notes store is read-only today" in failed.content[0].text

    async with Client(streamable(server.url + "/", mcp_headers(project, "bob")), mode="legacy") as client:
        found = await client.call_tool("custom.notes-find-notes", {"word": "milk"})
    assert found.structured_content["ret"] == "[]"  # bob's token sees bob's notes only
    assert upstream.notes == {"ada": [{"id": 1, "text": "buy milk", "tags": ["home"]}]}


def test_rest_runs_forward_too_and_a_refused_token_says_to_reconnect(world):
    server, project, upstream = world
    sdk = Pipedream(**client_options(server, project))
    ran = sdk.actions.run(id="~/notes-find-notes", external_user_id="ada", configured_props={"word": "milk"})
    assert json.loads(ran.ret) == [{"id": 1, "text": "buy milk", "tags": ["home"]}]
    server.add_account(project["project_id"], "eve", "notes", {"token": "stolen-token"})
    refused = sdk.actions.run(id="~/notes-find-notes", external_user_id="eve", configured_props={})
    errors = [o.err.message for o in refused.os if o.k == "error"]
    assert errors and "refused the credentials (401)" in errors[0] and "reconnect" in errors[0]
    assert "stolen-token" not in json.dumps(refused.model_dump(mode="json"))


def test_adding_a_server_that_refuses_the_listing_token_says_what_to_do(world, tmp_path):
    _, _, upstream = world
    done = add_mcp(upstream.url, tmp_path, "--auth", "token", token=None)
    assert done.returncode == 2 and "401" in done.stderr and "--token-env" in done.stderr
    assert not (tmp_path / "notes").exists()
