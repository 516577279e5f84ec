"""Connect Link end to end: a real OAuth 2 provider and API-key service on 127.0.0.1, the
gateway, and headless Chromium (Debian's) clicking through the pages a user sees."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import textwrap

import httpx
import pytest
from mcp import Client

from mcp_gateway.connect.connections import _scope as connection_scope

from mcp_gateway.connect.webhooks import SIGNATURE_HEADER, verify
from tests.e2e.test_mcp_transports import streamable
from tests.oauth_provider import OAuthProvider
from tests.receiver import Receiver
from tests.support import GatewayServer, gateway_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
API_KEY = "key-123-very-secret"
CLIENT_SECRET = "gw-oauth-client-secret-value"

if shutil.which("chromium") is None and os.environ.get("MCP_GATEWAY_TESTS_REQUIRE_BROWSER"):
    raise RuntimeError("the Connect Link tests need Chromium: apt-get install chromium")
pytestmark = [
    pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium (apt-get install chromium)"),
    pytest.mark.both_databases,
]

OAUTH_APP = """
from mcp_gateway.catalog import App, Identity, OAuth


async def whoami(ctx):
    me = (await ctx.http.get("/me")).json()
    return Identity(name=me["email"], external_id=me["id"])


app = App(
    "demo_oauth", "Demo OAuth", "A provider on loopback.",
    auth=OAuth(authorize_url="{provider}/oauth/authorize", token_url="{provider}/oauth/token", scopes=["profile"], pkce=True),
    base_url="{provider}/api",
    test=whoami,
)
"""
OAUTH_ACTION = """
from ..app import app


@app.action("whoami", title="Who am I", description="The signed-in user's profile.", read_only=True)
async def run(ctx):
    me = (await ctx.http.get("/me")).json()
    ctx.export("$summary", f"Signed in as {me['login']}")
    return me
"""
KEYS_APP = """
from mcp_gateway.catalog import App, Identity, KeyField, Keys


async def check(ctx):
    me = (await ctx.http.get("/check")).json()
    return Identity(name=me["user"], external_id=me["id"])


app = App(
    "demo_keys", "Demo Keys", "An API-key service on loopback.",
    auth=Keys(fields=[KeyField("api_key", "API key", "Find it in your settings.")]),
    base_url="{receiver}",
    auth_headers=lambda auth: {"X-Api-Key": auth.get("api_key", "")},
    test=check,
)
"""
KEYS_ACTION = """
from ..app import app


@app.action("check", title="Check", description="Check the key.", read_only=True)
async def run(ctx):
    return (await ctx.http.get("/check")).json()
"""


def write_apps(root, provider_url: str, receiver_url: str) -> None:
    for slug, app, action in (("demo_oauth", OAUTH_APP, OAUTH_ACTION), ("demo_keys", KEYS_APP, KEYS_ACTION)):
        (root / slug / "actions").mkdir(parents=True)
        (root / slug / "app.py").write_text(textwrap.dedent(app).replace("{provider}", provider_url).replace("{receiver}", receiver_url))
        (root / slug / "actions" / "main.py").write_text(textwrap.dedent(action))


@pytest.fixture(scope="module")
def provider():
    with OAuthProvider(access_token_ttl=3600) as running:
        yield running


@pytest.fixture(scope="module")
def receiver():
    with Receiver(api_key=API_KEY, fail_first=1) as running:
        yield running


@pytest.fixture(scope="module")
def gateway_logs():
    """Every record the gateway logs while this module runs, formatted with tracebacks."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Keep(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("mcp_gateway")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(previous)


@pytest.fixture(scope="module")
def server(tmp_path_factory, provider, receiver, gateway_logs, database_backend):
    # Each database's gateway meets a provider and a receiver that have seen nothing yet (the
    # tests count their requests); they keep their URLs, which the apps below were loaded with.
    provider.reset()
    receiver.reset()
    root = tmp_path_factory.mktemp("connect")
    write_apps(root / "tools", provider.url, receiver.url)
    settings = gateway_settings(root / "data", database_backend, custom_tools_dir=root / "tools", webhook_backoff=(0.3, 0.6, 1.0),
                                private_networks=("127.0.0.0/8",))
    gateway = GatewayServer(settings)
    provider.add_client("gw-client", CLIENT_SECRET, [gateway.url + "/connect/oauth/callback"])
    gateway.start()
    gateway.call(gateway.gateway.oauth_apps.add("demo_oauth", "gw-client", CLIENT_SECRET))
    yield gateway
    gateway.stop()


@pytest.fixture(scope="module")
def project(server):
    project = server.create_project("Acme")
    project["token"] = server.token(project)
    server.call(server.gateway.auth.configure_project(project["project_id"], app_name="Acme Agents", support_email="help@acme.test"))
    project["webhook_secret"] = server.call(server.gateway.auth.webhook_secret(project["project_id"]))
    return project


@pytest.fixture
async def browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        launched = await p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield launched
        await launched.close()


def mcp_headers(project, user, app):
    return {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
            "x-pd-environment": "development", "x-pd-external-user-id": user, "x-pd-app-slug": app}


async def call(server, project, user, app, tool, mode="2026-07-28"):
    async with Client(streamable(server.url + "/", mcp_headers(project, user, app)), mode=mode) as client:
        return await client.call_tool(tool, {})


def create_token(server, project, **body):
    return httpx.post(
        f"{server.url}/v1/connect/{project['project_id']}/tokens",
        json={"external_user_id": "erin", **body},
        headers={"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"},
    )


async def test_oauth_connect_link_then_calls_use_and_refresh_the_token(server, project, provider, browser):
    first = await call(server, project, "dana", "demo_oauth", "custom.demo_oauth-whoami")
    link = first.meta["mcp-gateway/accountRequired"]["connectLinkUrl"]
    assert link and "app=demo_oauth" in link

    page = await browser.new_page()
    await page.goto(link)
    assert "Acme Agents uses mcp-gateway to connect your account" in await page.content()
    assert "help@acme.test" in await page.text_content("#contact")
    await page.click("#connect")
    await page.wait_for_selector("#allow")  # the provider's consent page
    assert page.url.startswith(provider.url)
    await page.click("#allow")
    await page.wait_for_selector("#success")
    assert page.url.startswith(server.url + "/connect/oauth/callback")
    code_exchange = [r for r in provider.token_requests if r["grant_type"] == "authorization_code"]
    assert len(code_exchange) == 1 and code_exchange[0]["code_verifier_sent"] is True

    connected = await call(server, project, "dana", "demo_oauth", "custom.demo_oauth-whoami")
    assert connected.is_error is False, connected.content[0].text
    assert connected.content[0].text.startswith("Signed in as alice")
    first_token = provider.issued_access_tokens()[0]
    assert provider.api_requests[-1]["authorization"] == first_token

    # The provider stops honouring the token: the API's 401 makes the gateway refresh once and retry.
    provider.revoke_access_tokens()
    provider.access_token_ttl = 2
    after_401 = await call(server, project, "dana", "demo_oauth", "custom.demo_oauth-whoami", mode="legacy")
    assert after_401.is_error is False, after_401.content[0].text
    assert [r["grant_type"] for r in provider.token_requests].count("refresh_token") == 1
    second_token = provider.issued_access_tokens()[-1]
    assert [r["status"] for r in provider.api_requests[-2:]] == [401, 200]
    assert provider.api_requests[-1]["authorization"] == second_token != first_token

    # That token lives 2 s, inside the refresh margin: the next call refreshes before it is used.
    later = await call(server, project, "dana", "demo_oauth", "custom.demo_oauth-whoami")
    assert later.is_error is False, later.content[0].text
    assert [r["grant_type"] for r in provider.token_requests].count("refresh_token") == 2
    assert provider.api_requests[-1]["authorization"] == provider.issued_access_tokens()[-1] != second_token
    assert provider.api_requests[-1]["status"] == 200

    # Many calls meet the same rejected token at once: one refresh serves them all.
    provider.access_token_ttl = 3600
    provider.revoke_access_tokens()
    together = await asyncio.gather(*(call(server, project, "dana", "demo_oauth", "custom.demo_oauth-whoami") for _ in range(5)))
    assert all(r.is_error is False for r in together), [r.content[0].text for r in together]
    assert [r["grant_type"] for r in provider.token_requests].count("refresh_token") == 3

    # A refresh the provider refuses marks the account unhealthy; the user is asked to reconnect.
    provider.revoke_refresh_tokens()
    provider.revoke_access_tokens()
    broken = await call(server, project, "dana", "demo_oauth", "custom.demo_oauth-whoami")
    assert broken.is_error is True and "credentials were rejected" in broken.content[0].text
    reconnect = await call(server, project, "dana", "demo_oauth", "custom.demo_oauth-whoami")
    assert "no connected Demo OAuth account" in reconnect.content[0].text
    assert reconnect.meta["mcp-gateway/accountRequired"]["connectLinkUrl"]
    (account,) = server.call(server.gateway.accounts.find(project["project_id"], "development", external_id="dana")).items
    assert account.healthy is False and "invalid_grant" in account.error

    # Nothing secret was stored in clear text: not in any row, nor anywhere in SQLite's files.
    raw = server.stored_text().encode() + b"".join(f.read_bytes() for f in server.settings.data_dir.glob("gateway.db*"))
    for secret in [*provider.issued_access_tokens(), CLIENT_SECRET, link.split("token=")[1].split("&")[0]]:
        assert secret.encode() not in raw


async def test_api_key_link_with_redirect_and_signed_webhook(server, project, receiver, browser):
    issued = create_token(server, project, success_redirect_uri=receiver.url + "/success",
                          error_redirect_uri=receiver.url + "/error", webhook_uri=receiver.url + "/hook")
    assert issued.status_code == 200, issued.text
    token = issued.json()["token"]
    link = issued.json()["connect_link_url"] + "&app=demo_keys"
    page = await browser.new_page()
    await page.goto(link)
    assert await page.get_attribute("#f_api_key", "type") == "password"
    await page.fill("#f_api_key", "wrong-key")
    await page.click("#connect")
    assert "did not accept these credentials" in await page.text_content("#error")
    await page.fill("#f_api_key", API_KEY)
    await page.click("#connect")
    await page.wait_for_selector("#landed")
    assert page.url == receiver.url + "/success"

    # The receiver refuses the first delivery; the retry brings the same event.
    posts = receiver.wait_for_posts(2)
    hooks = [p for p in posts if p["path"] == "/hook"]
    assert len(hooks) == 2 and hooks[0]["body"] == hooks[1]["body"]
    delivered = hooks[1]
    assert verify(project["webhook_secret"], delivered["body"], delivered["headers"][SIGNATURE_HEADER])
    payload = json.loads(delivered["body"])
    assert payload["event"] == "CONNECTION_SUCCESS"
    assert payload["connect_token"] == token
    assert payload["environment"] == "development"
    assert isinstance(payload["connect_session_id"], int)
    account = payload["account"]
    assert account["id"].startswith("apn_") and account["name"] == "key-user" and account["external_id"] == "k-42"
    assert account["healthy"] is True and account["dead"] is False and account["app"]["name_slug"] == "demo_keys"
    assert API_KEY not in delivered["body"].decode()

    checked = await call(server, project, "erin", "demo_keys", "custom.demo_keys-check")
    assert checked.is_error is False and json.loads(checked.content[0].text)["user"] == "key-user"

    # The same link cannot connect a second account.
    await page.goto(link)
    assert "The Connect token is invalid" in await page.text_content("#error")


async def test_denied_consent_redirects_to_the_error_uri_and_sends_connection_error(server, project, provider, receiver, browser):
    before = len(receiver.posts)
    issued = create_token(server, project, external_user_id="frank", error_redirect_uri=receiver.url + "/denied",
                          webhook_uri=receiver.url + "/hook-denied")
    page = await browser.new_page()
    await page.goto(issued.json()["connect_link_url"] + "&app=demo_oauth")
    await page.click("#connect")
    await page.click("#deny")
    await page.wait_for_selector("#landed")
    assert page.url == receiver.url + "/denied"
    hook = next(p for p in receiver.wait_for_posts(before + 1) if p["path"] == "/hook-denied")
    assert verify(project["webhook_secret"], hook["body"], hook["headers"][SIGNATURE_HEADER])
    payload = json.loads(hook["body"])
    assert payload["event"] == "CONNECTION_ERROR"
    assert "denied" in payload["error"]
    assert "account" not in payload
    still_missing = await call(server, project, "frank", "demo_oauth", "custom.demo_oauth-whoami")
    assert "no connected Demo OAuth account" in still_missing.content[0].text


async def test_expired_and_unknown_links_say_so(server, project, browser):
    issued = create_token(server, project, expires_in=1)
    await asyncio.sleep(1.2)
    page = await browser.new_page()
    await page.goto(issued.json()["connect_link_url"] + "&app=demo_keys")
    assert await page.text_content("#error") == "This link has expired. Please request a new one from the app developer."
    assert "help@acme.test" not in await page.content()  # the token is unusable, so no project details either
    await page.goto(server.url + "/_static/connect.html?token=ctok_nosuch&connectLink=true&app=demo_keys")
    assert "The Connect token is invalid" in await page.text_content("#error")
    bad_app = create_token(server, project).json()["connect_link_url"] + "&app=nosuch"
    await page.goto(bad_app)
    assert await page.text_content("#error") == "App not found. Please check your app id."


async def test_url_elicitation_for_clients_that_declare_it(server, project):
    """2026-07-28: an input_required result with a URL elicitation; a retry after connecting runs."""
    meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {"elicitation": {"url": {}}}}
    headers = {**mcp_headers(project, "gina", "demo_keys"), "MCP-Protocol-Version": "2026-07-28", "Accept": "application/json",
               "Mcp-Method": "tools/call", "Mcp-Name": "custom.demo_keys-check"}
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "custom.demo_keys-check", "arguments": {}, "_meta": meta}}
    asked = httpx.post(server.url + "/", json=body, headers=headers).json()["result"]
    assert asked["resultType"] == "input_required"
    (request,) = asked["inputRequests"].values()
    assert request["method"] == "elicitation/create" and request["params"]["mode"] == "url"
    url = request["params"]["url"]
    token = httpx.URL(url).params["token"]
    form = {"token": token, "app": "demo_keys", "api_key": API_KEY}
    saved = httpx.post(server.url + "/_static/connect/keys", data=form)
    assert saved.status_code == 200 and 'id=success' in saved.text
    retry = {**body, "id": 2, "params": {**body["params"], "inputResponses": {k: {"action": "accept"} for k in asked["inputRequests"]}}}
    done = httpx.post(server.url + "/", json=retry, headers=headers).json()["result"]
    assert done["resultType"] == "complete" and done["isError"] is False
    assert done["structuredContent"]["ret"]["user"] == "key-user"


async def test_a_2026_retry_waits_for_the_user_to_finish_connecting(server, project):
    """The client retries as soon as the user accepts to open the link; the answer comes once they have connected."""
    meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {"elicitation": {"url": {}}}}
    headers = {**mcp_headers(project, "gwen", "demo_keys"), "MCP-Protocol-Version": "2026-07-28", "Accept": "application/json",
               "Mcp-Method": "tools/call", "Mcp-Name": "custom.demo_keys-check"}
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "custom.demo_keys-check", "arguments": {}, "_meta": meta}}
    asked = httpx.post(server.url + "/", json=body, headers=headers).json()["result"]
    ((key, request),) = asked["inputRequests"].items()
    token = httpx.URL(request["params"]["url"]).params["token"]
    retry = {**body, "id": 2, "params": {**body["params"], "inputResponses": {key: {"action": "accept"}}}}
    async with httpx.AsyncClient(timeout=60) as client:
        waiting = asyncio.create_task(client.post(server.url + "/", json=retry, headers=headers))
        await _until_waiting(server, waiting, project["project_id"], "gwen")
        saved = await client.post(server.url + "/_static/connect/keys",
                                  data={"token": token, "app": "demo_keys", "api_key": API_KEY})
        assert 'id=success' in saved.text
        done = (await waiting).json()["result"]
    assert done["resultType"] == "complete" and done["structuredContent"]["ret"]["user"] == "key-user"


async def _until_waiting(server, waiting: asyncio.Task, project_id: str, user: str) -> None:
    """Until the retry waits on the user's connection: its subscription is in place."""
    channel = f"account-connected:{connection_scope(project_id, 'development', user, 'demo_keys')}"
    async with asyncio.timeout(30):
        while not waiting.done():
            if server.call(server.gateway.shared.listeners(channel)):
                return
            await asyncio.sleep(0.01)
    raise AssertionError(f"the retry ended before waiting: {waiting.result().text}")


async def test_a_2025_session_hears_that_the_user_connected(server, project):
    headers = {**mcp_headers(project, "hugo", "demo_keys"), "Accept": "application/json, text/event-stream"}
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {"elicitation": {"url": {}}}, "clientInfo": {"name": "t", "version": "1"}}}
    opened = httpx.post(server.url + "/", json=init, headers=headers)
    session = {**headers, "Mcp-Session-Id": opened.headers["mcp-session-id"], "MCP-Protocol-Version": "2025-11-25"}
    answer = httpx.post(server.url + "/", json={"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                                                "params": {"name": "custom.demo_keys-check", "arguments": {}}}, headers=session).json()
    (elicitation,) = answer["error"]["data"]["elicitations"]
    async with httpx.AsyncClient(timeout=60) as client:
        async with client.stream("GET", server.url + "/", headers={**session, "Accept": "text/event-stream"}) as stream:
            lines = stream.aiter_lines()
            assert (await anext(lines)).startswith(":")  # the stream is open
            token = httpx.URL(elicitation["url"]).params["token"]
            saved = await client.post(server.url + "/_static/connect/keys",
                                      data={"token": token, "app": "demo_keys", "api_key": API_KEY})
            assert 'id=success' in saved.text
            async with asyncio.timeout(30):
                async for line in lines:
                    if line.startswith("data: "):
                        break
    assert json.loads(line[6:]) == {"jsonrpc": "2.0", "method": "notifications/elicitation/complete",
                                    "params": {"elicitationId": elicitation["elicitationId"]}}


async def test_url_elicitation_error_in_the_2025_11_25_era(server, project):
    headers = {**mcp_headers(project, "hank", "demo_keys"), "Accept": "application/json, text/event-stream"}
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {"elicitation": {"url": {}}}, "clientInfo": {"name": "t", "version": "1"}}}
    opened = httpx.post(server.url + "/", json=init, headers=headers)
    session = {**headers, "Mcp-Session-Id": opened.headers["mcp-session-id"], "MCP-Protocol-Version": "2025-11-25"}
    answer = httpx.post(server.url + "/", json={"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                                                "params": {"name": "custom.demo_keys-check", "arguments": {}}}, headers=session).json()
    assert answer["error"]["code"] == -32042
    (elicitation,) = answer["error"]["data"]["elicitations"]
    assert elicitation["mode"] == "url" and elicitation["url"].startswith(server.url + "/_static/connect.html")
    assert elicitation["elicitationId"]
    token = httpx.URL(elicitation["url"]).params["token"]
    saved = httpx.post(server.url + "/_static/connect/keys", data={"token": token, "app": "demo_keys", "api_key": API_KEY})
    assert 'id=success' in saved.text
    retried = httpx.post(server.url + "/", json={"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                                                 "params": {"name": "custom.demo_keys-check", "arguments": {}}}, headers=session).json()
    assert retried["result"]["isError"] is False and retried["result"]["structuredContent"]["ret"]["user"] == "key-user"


async def test_a_projects_own_oauth_client_is_used_when_the_link_names_it(server, project, provider, browser):
    provider.add_client("acme-client", "acme-client-secret-value", [server.url + "/connect/oauth/callback"])
    own = server.call(server.gateway.oauth_apps.add("demo_oauth", "acme-client", "acme-client-secret-value",
                                                    project_id=project["project_id"]))
    assert own.startswith("oa_")
    issued = create_token(server, project, external_user_id="ivy", app_id="demo_oauth", oauth_app_id=own)
    link = issued.json()["connect_link_url"]
    assert f"oauthAppId={own}" in link and "app=demo_oauth" in link
    page = await browser.new_page()
    await page.goto(link)
    await page.click("#connect")
    await page.click("#allow")
    await page.wait_for_selector("#success")
    assert provider.token_requests[-1]["client_id"] == "acme-client"
    ivy = await call(server, project, "ivy", "demo_oauth", "custom.demo_oauth-whoami")
    assert ivy.is_error is False, ivy.content[0].text

    # Another project cannot borrow it: its link says so at once, before offering to connect.
    other = server.create_project("Other")
    other["token"] = server.token(other)
    foreign = create_token(server, other, app_id="demo_oauth", oauth_app_id=own)
    await page.goto(foreign.json()["connect_link_url"])
    assert f"OAuth client {own} does not exist for demo_oauth in this project" in await page.text_content("#error")
    assert await page.query_selector("#connect") is None


def test_no_secret_reaches_the_logs(gateway_logs, provider):
    """Runs last in this module: the gateway's DEBUG logs of every flow above."""
    text = "\n".join(gateway_logs)
    assert "connected demo_keys account" in text and "refreshed the demo_oauth token" in text
    for secret in [*provider.issued_access_tokens(), CLIENT_SECRET, API_KEY, "acme-client-secret-value"]:
        assert secret not in text
