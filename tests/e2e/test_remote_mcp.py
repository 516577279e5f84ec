"""A remote MCP server as an app: `mcp-gateway apps add-mcp` snapshots its tools, and the gateway
forwards each call to it with the calling user's own token, over MCP and over REST."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import contextvars
import hashlib
import html
import json
import re
import secrets
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlencode

import httpx
import mcp_types as types
import pytest
import uvicorn
from mcp import Client
from mcp.server import Server
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from pipedream import Pipedream
from starlette.applications import Starlette
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Mount, Route

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

        return Starlette(routes=[*self.authorization_server(), Mount("/mcp", app=guarded)], lifespan=lifespan)

    def authorization_server(self) -> list[Route]:
        """A small OAuth 2.1 authorization server for the upstream, as the MCP authorization spec
        describes it: RFC 9728 resource metadata, RFC 8414 server metadata, RFC 7591 registration,
        the code flow with S256 PKCE and RFC 8707 `resource`. It signs in one user: carol."""
        origin = f"http://127.0.0.1:{self.port}"
        self.clients: dict[str, dict] = {}
        self.codes: dict[str, dict] = {}
        self.token_requests: list[dict] = []

        async def resource_metadata(request):
            return JSONResponse({"resource": self.url, "authorization_servers": [f"{origin}/as"],
                                 "scopes_supported": ["notes"]})

        async def server_metadata(request):
            return JSONResponse({"issuer": f"{origin}/as", "authorization_endpoint": f"{origin}/as/authorize",
                                 "token_endpoint": f"{origin}/as/token", "registration_endpoint": f"{origin}/as/register",
                                 "code_challenge_methods_supported": ["S256"], "response_types_supported": ["code"]})

        async def register(request):
            meta = await request.json()
            client = {"client_id": f"client-{len(self.clients) + 1}", "client_secret": secrets.token_urlsafe(16), **meta}
            self.clients[client["client_id"]] = client
            return JSONResponse(client, status_code=201)

        async def authorize(request):
            q = request.query_params
            client = self.clients.get(q.get("client_id", ""))
            if client is None or q.get("redirect_uri") not in client["redirect_uris"]:
                return JSONResponse({"error": "invalid_client"}, status_code=400)
            if q.get("resource") != self.url or q.get("code_challenge_method") != "S256" or q.get("response_type") != "code":
                return JSONResponse({"error": "invalid_request"}, status_code=400)
            code = secrets.token_urlsafe(12)
            self.codes[code] = {"client_id": client["client_id"], "challenge": q["code_challenge"],
                                "redirect_uri": q["redirect_uri"], "scope": q.get("scope")}
            return RedirectResponse(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}", status_code=302)

        async def token(request):
            form = dict(await request.form())
            self.token_requests.append(form)
            client = self.clients.get(form.get("client_id", ""))
            if client is None or form.get("client_secret") != client["client_secret"]:
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            if form.get("resource") != self.url:
                return JSONResponse({"error": "invalid_target"}, status_code=400)
            grant = self.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "").encode()
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if grant is None or grant["challenge"] != challenge or grant["redirect_uri"] != form.get("redirect_uri"):
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            TOKENS["carol-oauth-token"] = "carol"
            return JSONResponse({"access_token": "carol-oauth-token", "token_type": "Bearer", "expires_in": 3600,
                                 "refresh_token": "carol-refresh", "scope": grant["scope"]})

        return [Route("/.well-known/oauth-protected-resource/mcp", resource_metadata),
                Route("/.well-known/oauth-authorization-server/as", server_metadata),
                Route("/as/register", register, methods=["POST"]), Route("/as/authorize", authorize),
                Route("/as/token", token, methods=["POST"])]

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


def add_mcp(url: str, tools: Path, *extra: str, token: str | None = "list-token",
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MCP_GATEWAY_PRIVATE_NETWORKS": "127.0.0.0/8", **(env or {}), "NOTES_TOKEN": token or ""}
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
    server = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"), custom_tools_dir=tools, private_networks=("127.0.0.0/8",))).start()
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


def test_users_sign_in_to_an_oauth_server_through_connect(world, tmp_path_factory):
    _, _, upstream = world
    tools = tmp_path_factory.mktemp("oauth-tools")
    server = GatewayServer(gateway_settings(tmp_path_factory.mktemp("oauth-gateway"), custom_tools_dir=tools, private_networks=("127.0.0.0/8",)))
    server.settings.public_url = server.url
    env = {"MCP_GATEWAY_DATA_DIR": str(server.settings.data_dir), "MCP_GATEWAY_DATABASE_URL": server.settings.database_url,
           "MCP_GATEWAY_SECRET_KEY": server.settings.secret_key.decode(), "MCP_GATEWAY_PUBLIC_URL": server.url}
    done = add_mcp(upstream.url, tools, "--auth", "oauth", "--token-env", "NOTES_TOKEN", env=env)
    assert done.returncode == 0, done.stderr
    assert "registered as OAuth client client-" in done.stdout
    [client] = [c for c in upstream.clients.values() if c["redirect_uris"] == [f"{server.url}/connect/oauth/callback"]]
    assert client["token_endpoint_auth_method"] == "client_secret_post"
    spec = json.loads((tools / "notes" / "mcp.json").read_text())
    assert spec["oauth"]["authorize_url"].endswith("/as/authorize") and spec["oauth"]["resource"] == upstream.url
    assert client["client_secret"] not in (tools / "notes" / "mcp.json").read_text()  # the secret is in the vault only

    server.start()
    try:
        project = server.create_project()
        token = server.token(project)
        link = httpx.post(f"{server.url}/v1/connect/{project['project_id']}/tokens", json={"external_user_id": "carol"},
                          headers={"Authorization": f"Bearer {token}", "x-pd-environment": "development"}).json()
        with httpx.Client(follow_redirects=True, timeout=30) as browser:
            page = browser.get(link["connect_link_url"] + "&app=notes")
            fields = {html.unescape(k): html.unescape(v) for k, v in re.findall(r'name="([^"]+)" value="([^"]*)"', page.text)}
            finished = browser.post(f"{server.url}/_static/connect/oauth", data=fields)
        assert finished.status_code == 200 and "connected" in finished.text.lower(), finished.text
        exchange = upstream.token_requests[-1]
        assert exchange["grant_type"] == "authorization_code" and exchange["resource"] == upstream.url

        headers = {"Authorization": f"Bearer {token}", "x-pd-project-id": project["project_id"],
                   "x-pd-environment": "development", "x-pd-external-user-id": "carol", "x-pd-app-slug": "notes"}

        async def call() -> types.CallToolResult:
            async with Client(streamable(server.url + "/", headers), mode="legacy") as client:
                return await client.call_tool("custom.notes-add-note", {"text": "from carol"})

        saved = asyncio.run(call())
        assert saved.is_error is False, saved.content[0].text
        assert upstream.seen[-1] == "Bearer carol-oauth-token" and upstream.notes["carol"][0]["text"] == "from carol"
    finally:
        server.stop()


def test_oauth_needs_a_public_url_and_a_server_that_publishes_its_metadata(world, tmp_path):
    _, _, upstream = world
    no_url = add_mcp(upstream.url, tmp_path, "--auth", "oauth", "--token-env", "NOTES_TOKEN",
                     env={"MCP_GATEWAY_PUBLIC_URL": "", "MCP_GATEWAY_DATA_DIR": str(tmp_path / "data")})
    assert no_url.returncode == 2 and "set MCP_GATEWAY_PUBLIC_URL" in no_url.stderr
    elsewhere = upstream.url.replace("/mcp", "/other")
    no_metadata = add_mcp(elsewhere, tmp_path, "--auth", "oauth", "--token-env", "NOTES_TOKEN",
                          env={"MCP_GATEWAY_PUBLIC_URL": "https://gateway.example.com",
                               "MCP_GATEWAY_DATA_DIR": str(tmp_path / "data")})
    assert no_metadata.returncode == 2 and "publishes no protected resource metadata" in no_metadata.stderr
    assert "--auth token" in no_metadata.stderr and not (tmp_path / "notes").exists()
