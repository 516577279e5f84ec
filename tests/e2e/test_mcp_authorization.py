"""MCP authorization from the bare gateway URL: the official `mcp` SDK's OAuth client discovers
the gateway's metadata from a 401, identifies itself with a Client ID Metadata Document (or
registers, RFC 7591), sends the end user to sign in at a real OpenID provider on 127.0.0.1
(`oidc-provider-mock`) and to consent, gets tokens, calls a tool, refreshes and revokes.

The person at the browser is played by an httpx client following the redirects and posting the
provider's sign-in form and the gateway's consent form.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from mcp_gateway.config import EndUserSignIn
from tests.child import free_port
from tests.e2e.test_mcp_transports import ECHO_URL
from tests.support import GatewayServer, TlsJsonServer, gateway_settings, private_ca_certificates

PROJECT_ID = "proj_mcpusers"
REDIRECT_URI = "http://127.0.0.1:33418/callback"  # the client's loopback redirect; nothing listens: the code is read off the redirect


@pytest.fixture(scope="module")
def identity_provider():
    """oidc-provider-mock on 127.0.0.1, answering its discovery document before tests use it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)],
        env={**os.environ, "AUTHLIB_INSECURE_TRANSPORT": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # bounded: 30 s for the process to listen
            if process.poll() is not None:
                raise RuntimeError("oidc-provider-mock exited: " + process.stderr.read().decode())
            try:
                if httpx.get(url + "/.well-known/openid-configuration", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                threading.Event().wait(0.1)
        else:
            raise RuntimeError("oidc-provider-mock did not answer within 30 s")
        yield url
    finally:
        process.terminate()
        process.wait(10)


class _Documents:
    """Client ID Metadata Documents served over HTTPS on 127.0.0.1 (a private CA the gateway trusts)."""

    def __init__(self) -> None:
        self.documents: dict[str, dict] = {}
        self.base = ""

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict]:
        document = self.documents.get(path)
        return (200, document) if document else (404, {"error": "not found"})

    def publish(self, path: str, **metadata) -> str:
        url = self.base + path
        self.documents[path] = {"client_id": url, **metadata}
        return url


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return private_ca_certificates(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def documents(tls):
    served = _Documents()
    with TlsJsonServer(tls[1], tls[2], served.answer) as server:
        served.base = server.url
        yield served


@pytest.fixture(scope="module")
def server(tmp_path_factory, identity_provider, tls):
    signin = EndUserSignIn(issuer=identity_provider, client_id="mcp-gateway", client_secret="gateway-secret",
                           project_id=PROJECT_ID, environment="development")
    settings = gateway_settings(tmp_path_factory.mktemp("authz"), private_networks=("127.0.0.0/8",), ca_file=tls[0],
                                end_user_signin=signin)
    gateway = GatewayServer(settings).start()
    gateway.call(gateway.gateway.auth.ensure_project(PROJECT_ID, "MCP users"))
    yield gateway
    gateway.stop()


class Browser:
    """The end user: signs in at the provider as `user`, then allows (or declines) on the consent page."""

    def __init__(self, user: str, decision: str = "allow") -> None:
        self.user = user
        self.decision = decision
        self.consent_page = ""

    async def authorize(self, url: str) -> dict[str, str]:
        async with httpx.AsyncClient(timeout=30) as browser:
            to_provider = await browser.get(url)
            assert to_provider.status_code == 302, to_provider.text
            provider_url = to_provider.headers["location"]
            assert (await browser.get(provider_url)).status_code == 200
            signed_in = await browser.post(provider_url, data={"sub": self.user})
            assert signed_in.status_code == 302, signed_in.text
            to_consent = await browser.get(signed_in.headers["location"])
            assert to_consent.status_code == 302, to_consent.text
            consent = await browser.get(to_consent.headers["location"])
            assert consent.status_code == 200, consent.text
            self.consent_page = consent.text
            request_id = parse_qs(urlsplit(to_consent.headers["location"]).query)["request"][0]
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
            answered = await browser.post(origin + "/consent", data={"request": request_id, "decision": self.decision})
            assert answered.status_code == 303, answered.text
            back = answered.headers["location"]
            assert back.startswith(REDIRECT_URI)
            return {k: v[0] for k, v in parse_qs(urlsplit(back).query).items()}


class MemoryStorage:
    def __init__(self):
        self.tokens: OAuthToken | None = None
        self.client: OAuthClientInformationFull | None = None

    async def get_tokens(self):
        return self.tokens

    async def set_tokens(self, tokens):
        self.tokens = tokens

    async def get_client_info(self):
        return self.client

    async def set_client_info(self, client_info):
        self.client = client_info


def provider(server_url: str, browser: Browser, storage: MemoryStorage, client_metadata_url: str | None = None):
    answer: dict[str, str] = {}

    async def redirect(url: str) -> None:
        answer.update(await browser.authorize(url))

    async def callback() -> AuthorizationCodeResult:
        return AuthorizationCodeResult(code=answer["code"], state=answer.get("state"), iss=answer.get("iss"))

    metadata = OAuthClientMetadata(client_name="Test MCP client", redirect_uris=[REDIRECT_URI],
                                   grant_types=["authorization_code", "refresh_token"], response_types=["code"],
                                   token_endpoint_auth_method="none")
    return OAuthClientProvider(server_url, metadata, storage, redirect_handler=redirect, callback_handler=callback,
                               client_metadata_url=client_metadata_url)


async def call_echo(url: str, auth, respx_mock, mode: str = "legacy") -> list[str]:
    route = respx_mock.get(ECHO_URL).mock(return_value=httpx.Response(200, json={"echo": "hi"}))
    async with Client(streamable_http_client(url, http_client=httpx2.AsyncClient(auth=auth, timeout=60)), mode=mode) as client:
        names = [tool.name for tool in (await client.list_tools()).tools]
        result = await client.call_tool("http-send-request", {"url": ECHO_URL})
    assert result.is_error is False and result.structured_content["ret"]["body"] == {"echo": "hi"}
    assert route.called
    return names


async def test_an_sdk_client_with_a_metadata_document_reaches_a_tool_then_refreshes_and_revokes(server, documents, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    client_id = documents.publish("/clients/test.json", client_name="Test MCP client", redirect_uris=[REDIRECT_URI],
                                  token_endpoint_auth_method="none", grant_types=["authorization_code", "refresh_token"],
                                  response_types=["code"], client_uri="https://client.example")
    storage = MemoryStorage()
    browser = Browser("alice@example.com")
    url = server.url + "/alice@example.com/http"
    names = await call_echo(url, provider(url, browser, storage, client_metadata_url=client_id), respx_mock)
    assert sorted(names) == ["http-download-file", "http-send-request"]
    # The client used its metadata document URL as client_id; nothing was registered.
    assert storage.client.client_id == client_id
    assert server.execute("SELECT count(*) FROM authz_clients") == [(0,)]
    assert "Test MCP client" in browser.consent_page and "alice@example.com" in browser.consent_page
    assert "HTTP" in browser.consent_page
    server.call(server.gateway.runtime.runlog.flush())
    assert ("alice@example.com",) in server.execute(
        "SELECT external_user_id FROM action_runs WHERE project_id = :p", p=PROJECT_ID)
    # Tokens are kept as hashes only.
    stored = server.stored_text()
    assert storage.tokens.access_token not in stored and storage.tokens.refresh_token not in stored

    token_url = server.url + "/token"
    refreshed = httpx.post(token_url, data={"grant_type": "refresh_token", "refresh_token": storage.tokens.refresh_token,
                                            "client_id": client_id})
    assert refreshed.status_code == 200, refreshed.text
    fresh = refreshed.json()
    assert fresh["refresh_token"] != storage.tokens.refresh_token and fresh["token_type"] == "Bearer"
    mcp_headers = {"Accept": "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18"}
    listing = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
    assert httpx.post(url, json=listing, headers={**mcp_headers, "Authorization": f"Bearer {fresh['access_token']}"}
                      ).status_code == 200
    # The rotated refresh token, used again, ends the whole sign-in.
    reused = httpx.post(token_url, data={"grant_type": "refresh_token", "refresh_token": storage.tokens.refresh_token,
                                         "client_id": client_id})
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"
    after_reuse = httpx.post(url, json=listing, headers={**mcp_headers, "Authorization": f"Bearer {fresh['access_token']}"})
    assert after_reuse.status_code == 401 and "revoked" in after_reuse.text

    # A new sign-in, then revocation (RFC 7009) of its refresh token ends its access token too.
    storage = MemoryStorage()
    await call_echo(url, provider(url, Browser("alice@example.com"), storage, client_metadata_url=client_id), respx_mock)
    revoked = httpx.post(server.url + "/revoke", data={"token": storage.tokens.refresh_token, "client_id": client_id})
    assert revoked.status_code == 200
    refused = httpx.post(url, json=listing, headers={**mcp_headers, "Authorization": f"Bearer {storage.tokens.access_token}"})
    assert refused.status_code == 401 and "resource_metadata=" in refused.headers["www-authenticate"]


@pytest.mark.parametrize("mode", ["legacy", "2026-07-28"])  # a 2025 session, and the stateless era
async def test_an_sdk_client_that_registers_dynamically_reaches_a_tool(server, respx_mock, mode):
    respx_mock.route(host="127.0.0.1").pass_through()
    storage = MemoryStorage()
    url = server.url + "/mcp?app=http"
    names = await call_echo(url, provider(url, Browser("bob"), storage), respx_mock, mode)
    assert sorted(names) == ["http-download-file", "http-send-request"]
    assert storage.client.client_id.startswith("mcc_")
    assert server.execute("SELECT count(*) FROM authz_clients WHERE client_id = :c", c=storage.client.client_id) == [(1,)]


def test_metadata_and_the_401_that_points_to_it(server):
    unauthenticated = httpx.post(server.url + "/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                                 headers={"Accept": "application/json, text/event-stream"})
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["www-authenticate"] == (
        f'Bearer realm="mcp-gateway", resource_metadata="{server.url}/.well-known/oauth-protected-resource/mcp"')
    for path, resource in [("", server.url), ("/mcp", server.url + "/mcp"), ("/alice/slack", server.url + "/alice/slack"),
                           ("/v1/alice/slack", server.url + "/v1/alice/slack")]:
        prm = httpx.get(server.url + "/.well-known/oauth-protected-resource" + path)
        assert prm.status_code == 200 and prm.json()["resource"] == resource
        assert prm.json()["authorization_servers"] == [server.url]
    for path in ("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"):
        metadata = httpx.get(server.url + path).json()
        assert metadata["issuer"] == server.url and metadata["code_challenge_methods_supported"] == ["S256"]
        assert metadata["client_id_metadata_document_supported"] is True
        assert metadata["authorization_response_iss_parameter_supported"] is True
        assert metadata["registration_endpoint"] == server.url + "/register"
    from authlib.oauth2.rfc8414 import AuthorizationServerMetadata

    AuthorizationServerMetadata(httpx.get(server.url + "/.well-known/oauth-authorization-server").json()).validate()
    unknown = httpx.get(server.url + "/.well-known/nothing-here")
    assert unknown.status_code == 404 and unknown.json()["error"] == "not_found"


# Negative cases, each answered with the right error.

def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


async def _code(server, client_id: str, *, user: str = "carol", resource: str | None = None) -> tuple[str, str]:
    verifier, challenge = _pkce()
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI, "state": "s1",
             "code_challenge": challenge, "code_challenge_method": "S256", "resource": resource or server.url + "/mcp"}
    answer = await Browser(user).authorize(server.url + "/authorize?" + urlencode(query))
    assert answer["state"] == "s1" and answer["iss"] == server.url
    return answer["code"], verifier


def _register(server) -> str:
    registered = httpx.post(server.url + "/register", json={
        "client_name": "Negative tests", "redirect_uris": [REDIRECT_URI], "token_endpoint_auth_method": "none",
        "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"]})
    assert registered.status_code == 201, registered.text
    return registered.json()["client_id"]


def _exchange(server, client_id: str, code: str, verifier: str) -> httpx.Response:
    return httpx.post(server.url + "/token", data={"grant_type": "authorization_code", "code": code, "client_id": client_id,
                                                   "code_verifier": verifier, "redirect_uri": REDIRECT_URI,
                                                   "resource": server.url + "/mcp"})


async def test_a_reused_code_is_refused_and_takes_back_its_tokens(server):
    client_id = _register(server)
    code, verifier = await _code(server, client_id)
    first = _exchange(server, client_id, code, verifier)
    assert first.status_code == 200
    again = _exchange(server, client_id, code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant" and "used already" in again.text
    listing = httpx.post(server.url + "/mcp?app=http", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                         headers={"Authorization": f"Bearer {first.json()['access_token']}",
                                  "Accept": "application/json, text/event-stream"})
    assert listing.status_code == 401 and "revoked" in listing.text


async def test_a_wrong_pkce_verifier_is_refused(server):
    client_id = _register(server)
    code, _ = await _code(server, client_id)
    wrong = _exchange(server, client_id, code, secrets.token_urlsafe(48))
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant" and "PKCE" in wrong.text


def test_a_redirect_uri_not_in_the_metadata_is_refused_without_redirecting(server, documents):
    client_id = documents.publish("/clients/strict.json", client_name="Strict", redirect_uris=[REDIRECT_URI],
                                  token_endpoint_auth_method="none")
    _, challenge = _pkce()
    answer = httpx.get(server.url + "/authorize", params={
        "response_type": "code", "client_id": client_id, "redirect_uri": "https://attacker.example/cb",
        "code_challenge": challenge, "code_challenge_method": "S256"})
    assert answer.status_code == 400 and "location" not in answer.headers
    assert "is not one of the client&#x27;s registered redirect URIs" in answer.text


def test_a_client_id_document_on_a_private_address_is_refused(server):
    _, challenge = _pkce()
    for private in ("https://10.1.2.3/client.json", "https://169.254.169.254/latest/client.json"):
        answer = httpx.get(server.url + "/authorize", params={
            "response_type": "code", "client_id": private, "redirect_uri": REDIRECT_URI,
            "code_challenge": challenge, "code_challenge_method": "S256"}, timeout=30)
        assert answer.status_code == 400 and "private" in answer.text.lower(), answer.text
        assert "MCP_GATEWAY_PRIVATE_NETWORKS" in answer.text


async def test_a_token_for_another_audience_is_refused(server):
    client_id = _register(server)
    _, challenge = _pkce()
    other = httpx.get(server.url + "/authorize", params={
        "response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI, "state": "x",
        "code_challenge": challenge, "code_challenge_method": "S256", "resource": "https://other.example/mcp"})
    assert other.status_code == 302
    assert parse_qs(urlsplit(other.headers["location"]).query)["error"] == ["invalid_target"]
    # A token whose audience is another gateway (one sharing this database at another address) is refused here.
    code, verifier = await _code(server, client_id)
    token = _exchange(server, client_id, code, verifier).json()["access_token"]
    server.execute("UPDATE authz_tokens SET resource = 'https://other.example/mcp' WHERE token_hash = :h",
                   h="sha256:" + hashlib.sha256(token.encode()).hexdigest())
    elsewhere = httpx.post(server.url + "/mcp?app=http", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                           headers={"Authorization": f"Bearer {token}", "Accept": "application/json, text/event-stream"})
    assert elsewhere.status_code == 401
    assert f"this access token is for https://other.example, not this gateway ({server.url})" in elsewhere.text


async def test_user_a_token_with_user_b_path_is_refused(server):
    client_id = _register(server)
    code, verifier = await _code(server, client_id, user="dave")
    token = _exchange(server, client_id, code, verifier).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json, text/event-stream"}
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
    assert httpx.post(server.url + "/dave/http", json=init, headers=headers).status_code == 200
    other = httpx.post(server.url + "/erin/http", json=init, headers=headers)
    assert other.status_code == 403 and "bound to external user 'dave' and cannot act for 'erin'" in other.text
    assert 'error="insufficient_scope"' in other.headers["www-authenticate"]
    by_header = httpx.post(server.url + "/mcp?app=http", json=init, headers={**headers, "x-pd-external-user-id": "erin"})
    assert by_header.status_code == 403
    # Nor does it reach the developer's REST API for another user.
    rest = httpx.get(f"{server.url}/v1/connect/{PROJECT_ID}/accounts", params={"external_user_id": "erin"},
                     headers={"Authorization": f"Bearer {token}", "x-pd-environment": "development"})
    assert rest.status_code == 403


def test_registration_is_checked(server):
    for body, error in [
        ({"redirect_uris": ["http://example.com/cb"]}, "invalid_redirect_uri"),
        ({"redirect_uris": []}, "invalid_redirect_uri"),
        ({"redirect_uris": [REDIRECT_URI], "grant_types": ["password"]}, "invalid_client_metadata"),
        ([1, 2], "invalid_client_metadata"),
    ]:
        answer = httpx.post(server.url + "/register", json=body)
        assert answer.status_code == 400 and answer.json()["error"] == error, (body, answer.text)


async def test_a_declined_consent_goes_back_with_access_denied(server):
    client_id = _register(server)
    verifier, challenge = _pkce()
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI, "state": "s2",
             "code_challenge": challenge, "code_challenge_method": "S256"}
    answer = await Browser("frank", decision="deny").authorize(server.url + "/authorize?" + urlencode(query))
    assert answer["error"] == "access_denied" and answer["state"] == "s2" and answer["iss"] == server.url


TS_SDK_VERSION = "1.32.2"


@pytest.fixture(scope="module")
def ts_client():
    """The TypeScript SDK installed from npm into a cache on first use, beside a copy of the client script."""
    cache = Path(os.environ.get("MCP_GATEWAY_TEST_CACHE", Path.home() / ".cache" / "mcp-gateway-tests"))
    prefix = cache / f"ts-sdk-{TS_SDK_VERSION}"
    if not (prefix / "node_modules" / "@modelcontextprotocol" / "sdk").exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install the MCP TypeScript SDK; install Node.js", pytrace=False)
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent",
                        f"@modelcontextprotocol/sdk@{TS_SDK_VERSION}"], check=True, timeout=600)
    script = prefix / "ts_oauth_client.mjs"  # beside node_modules, where its imports resolve
    shutil.copy(Path(__file__).parent / "clients" / "ts_oauth_client.mjs", script)
    return script


async def test_the_typescript_sdk_client_reaches_a_tool_from_the_bare_url(server, ts_client, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    route = respx_mock.get(ECHO_URL).mock(return_value=httpx.Response(200, json={"echo": "ts"}))
    url = server.url + "/mcp?app=http"
    process = await asyncio.create_subprocess_exec(
        shutil.which("node") or "node", str(ts_client), url, REDIRECT_URI, "http-send-request", json.dumps({"url": ECHO_URL}),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        first = json.loads(await asyncio.wait_for(process.stdout.readline(), 60))
        answer = await Browser("grace").authorize(first["authorize"])
        process.stdin.write(answer["code"].encode() + b"\n")
        await process.stdin.drain()
        last = json.loads(await asyncio.wait_for(process.stdout.readline(), 60))
        assert await asyncio.wait_for(process.wait(), 30) == 0, (await process.stderr.read()).decode()
    finally:
        if process.returncode is None:
            process.kill()
    assert sorted(last["tools"]) == ["http-download-file", "http-send-request"]
    assert last["result"]["isError"] is False and last["result"]["structuredContent"]["ret"]["body"] == {"echo": "ts"}
    assert last["client_id"].startswith("mcc_") and route.called


async def test_the_consent_page_connects_a_missing_account_then_shows_it(server, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    models = respx_mock.get("https://api.openai.com/v1/models").mock(return_value=httpx.Response(
        200, json={"object": "list", "data": []}, headers={"openai-organization": "org-heidi"}))
    client_id = _register(server)
    _, challenge = _pkce()
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI, "state": "s3",
             "code_challenge": challenge, "code_challenge_method": "S256",
             "resource": server.url + "/mcp?app=http,openai"}
    async with httpx.AsyncClient(timeout=30) as browser:
        provider_url = (await browser.get(server.url + "/authorize?" + urlencode(query))).headers["location"]
        signed_in = await browser.post(provider_url, data={"sub": "heidi"})
        consent_url = (await browser.get(signed_in.headers["location"])).headers["location"]
        page = (await browser.get(consent_url)).text
        assert "<b>HTTP / Webhook</b>: needs no account" in page and "no account connected yet" in page
        link = page.split("<a class=connect href='")[1].split("'")[0].replace("&amp;", "&")
        assert link.startswith(server.url + "/_static/connect") and "app=openai" in link
        form = await browser.get(link)
        assert form.status_code == 200 and 'name="api_key"' in form.text
        token = parse_qs(urlsplit(link).query)["token"][0]
        saved = await browser.post(server.url + "/_static/connect/keys",
                                   data={"token": token, "app": "openai", "api_key": "sk-test-heidi-0123456789"})
        # Back to the consent page, which now names the account.
        assert saved.status_code in (302, 303) and saved.headers["location"].startswith(server.url + "/consent?request=")
        page = (await browser.get(saved.headers["location"])).text
        assert "<b>OpenAI</b>: with your account org-heidi" in page
    assert models.calls.last.request.headers["authorization"] == "Bearer sk-test-heidi-0123456789"
    accounts = server.execute("SELECT count(*) FROM accounts WHERE app_slug = 'openai'")
    assert accounts == [(1,)]
