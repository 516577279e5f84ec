"""The egress guard on every path that dials out for someone else, tried as an attacker would.

A listener on 127.0.0.1 (and one on [::1]) counts every connection it accepts. A gateway whose
operator opened only 127.0.0.2/32 (where a redirector lives) is driven through each path with
each spelling of loopback and with redirects to loopback: the listeners must see nothing, and the
caller must be told what resolved where and what to set. A second gateway, opened with
MCP_GATEWAY_PRIVATE_NETWORKS=127.0.0.0/8,::1/128, makes the same calls, and they arrive.
"""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from mcp_gateway.catalog import App, OAuth
from mcp_gateway.catalog.openapi import OpenApiError, read_document
from mcp_gateway.catalog.remote_mcp import RemoteMcpError, discover_oauth, list_remote_tools, register_client
from mcp_gateway.config import LEGACY_PRIVATE_URLS_SETTING, Settings
from mcp_gateway.connect.oauth import OAuthFlowError, exchange_code, refresh
from mcp_gateway.connect.oauth_apps import OAuthClient
from mcp_gateway.net import EgressDenied, EgressPolicy, http_client
from tests.support import GatewayServer, gateway_settings


class Listener:
    """Counts the connections and requests reaching it; `/redirect?to=URL` answers 302 to URL."""

    def __init__(self, host: str) -> None:
        self.connections = 0
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                listener.requests.append((self.command, self.path, dict(self.headers)))
                if self.path.startswith("/redirect?to="):
                    self.send_response(302)
                    self.send_header("Location", self.path.split("=", 1)[1])
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                body = json.dumps({"reached": self.path}).encode()
                self.send_response(404 if self.path.startswith("/mcp") else 200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

        class Server(ThreadingHTTPServer):
            address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

            def verify_request(self, request: Any, client_address: Any) -> bool:
                listener.connections += 1  # any TCP connection, HTTP or not (a database driver's)
                return True

        self._server = Server((host, 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def touched(self) -> int:
        return self.connections + len(self.requests)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class TcpCounter:
    """Counts TCP connections and closes each at once (a database driver then fails fast)."""

    def __init__(self) -> None:
        self.connections = 0
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._socket.accept()
            except OSError:  # closed
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._socket.close()


@pytest.fixture(scope="module")
def tcp() -> Iterator[TcpCounter]:
    counter = TcpCounter()
    yield counter
    counter.close()


def wait_for(condition: Any, what: str, seconds: float = 15.0) -> Any:
    """Poll `condition` until it is truthy; bounded, so a test never hangs."""
    pause = threading.Event()
    for _ in range(int(seconds / 0.05)):
        value = condition()
        if value:
            return value
        pause.wait(0.05)
    raise AssertionError(f"{what} did not happen within {seconds:g} s")


@pytest.fixture(scope="module")
def listeners() -> Iterator[dict[str, Listener]]:
    made = {"v4": Listener("127.0.0.1"), "v6": Listener("::1"), "redirector": Listener("127.0.0.2")}
    yield made
    for listener in made.values():
        listener.close()


def bypasses(port: int) -> list[str]:
    """Every spelling of this machine the old string check let through."""
    return [
        f"http://2130706433:{port}/x",
        f"http://0x7f000001:{port}/x",
        f"http://017700000001:{port}/x",
        f"http://0x7f.1:{port}/x",
        f"http://127.1:{port}/x",
        f"http://0:{port}/x",
        f"http://localhost:{port}/x",
        f"http://{socket.gethostname()}:{port}/x",
        f"http://[::ffff:127.0.0.1]:{port}/x",
    ]


def redirects(listeners: dict[str, Listener]) -> list[str]:
    """Allowed URLs (on the redirector) that redirect to loopback, in both families."""
    via = f"http://127.0.0.2:{listeners['redirector'].port}/redirect?to="
    return [f"{via}http://127.0.0.1:{listeners['v4'].port}/landed", f"{via}http://[::1]:{listeners['v6'].port}/landed"]


def targets(listeners: dict[str, Listener]) -> list[str]:
    return [*bypasses(listeners["v4"].port), *redirects(listeners)]


CUSTOM_APP = """
from mcp_gateway.catalog import App, KeyField, Keys

app = App(
    "internal_api", "Internal API", "An operator's internal API, at the address the account names.",
    auth=Keys([KeyField("base", "Base URL", secret=False), KeyField("api_key", "API Key")]),
    base_url="{{custom_fields.base}}",
    auth_headers=lambda auth: {"X-Api-Key": auth["api_key"]},
    categories=["Testing"],
)
"""

CUSTOM_ACTIONS = '''
from mcp_gateway.catalog import props

from ..app import app


@app.action("fetch", title="Fetch", description="GET a path of the API.", props={"path": props.string("Path", "A path.")})
async def fetch(ctx):
    response = await ctx.http.get(ctx.props.path)
    return response.json()


@app.action("notify", title="Notify", description="POST to a URL after the run.", props={"url": props.string("URL", "Where.")})
async def notify(ctx):
    ctx.send.http({"method": "POST", "url": ctx.props.url, "data": {"hello": "world"}})
    return "queued"
'''


def start_gateway(tmp_path_factory: pytest.TempPathFactory, listeners: dict[str, Listener], networks: tuple[str, ...]) -> GatewayServer:
    custom = tmp_path_factory.mktemp("custom")
    (custom / "internal_api" / "actions").mkdir(parents=True)
    (custom / "internal_api" / "app.py").write_text(textwrap.dedent(CUSTOM_APP))
    (custom / "internal_api" / "actions" / "calls.py").write_text(textwrap.dedent(CUSTOM_ACTIONS))
    # An imported API whose server is loopback spelled as a number.
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Loopback API", "version": "1"},
        "servers": [{"url": f"http://2130706433:{listeners['v4'].port}"}],
        "paths": {"/items": {"get": {"operationId": "listItems", "summary": "List items", "responses": {"200": {"description": "ok"}}}}},
    }
    (custom / "loopback_api").mkdir()
    (custom / "loopback_api" / "openapi.json").write_text(json.dumps(spec))
    # A remote MCP server "added" at a loopback address.
    remote = {"url": f"http://127.1:{listeners['v4'].port}/mcp", "name": "Loopback MCP", "auth": "none",
              "tools": [{"name": "echo", "description": "Echo.", "inputSchema": {"type": "object", "properties": {}}}]}
    (custom / "loopback_mcp").mkdir()
    (custom / "loopback_mcp" / "mcp.json").write_text(json.dumps(remote))
    settings = gateway_settings(tmp_path_factory.mktemp("gateway"), custom_tools_dir=custom, private_networks=networks,
                                destination_backoff=(0.2,), webhook_backoff=(0.2,))
    server = GatewayServer(settings).start()
    project = server.create_project()
    project["token"] = server.token(project)
    server.project = project  # type: ignore[attr-defined]
    return server


@pytest.fixture(scope="module")
def guarded(tmp_path_factory, listeners) -> Iterator[GatewayServer]:
    server = start_gateway(tmp_path_factory, listeners, ("127.0.0.2/32",))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def opened(tmp_path_factory, listeners) -> Iterator[GatewayServer]:
    server = start_gateway(tmp_path_factory, listeners, ("127.0.0.0/8", "::1/128"))
    yield server
    server.stop()


def headers(server: GatewayServer) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.project['token']}", "x-pd-environment": "development"}


def run(server: GatewayServer, action: str, props: dict[str, Any], user: str = "user-1") -> dict[str, Any]:
    answer = httpx.post(f"{server.url}/v1/connect/{server.project['project_id']}/actions/run", headers=headers(server),
                        json={"id": action, "external_user_id": user, "configured_props": props}, timeout=30)
    assert answer.status_code < 500, answer.text
    return answer.json()


def assert_refused(text: str, target: str) -> None:
    """The refusal says where the target resolved, what kind of address that is, and what to set."""
    host = httpx.URL(target.rsplit("to=", 1)[-1]).host
    if host == "::1":
        said = "::1, a loopback address; allow it with MCP_GATEWAY_PRIVATE_NETWORKS=::1/128"
    elif host == "0":
        said = "0.0.0.0, an unspecified address; allow it with MCP_GATEWAY_PRIVATE_NETWORKS=0.0.0.0/8"
    else:
        said = "a loopback address; allow it with MCP_GATEWAY_PRIVATE_NETWORKS=127.0.0.0/8"
    assert "resolves to" in text and said in text, text


def test_the_http_app_refuses_every_spelling_and_redirect(guarded, listeners):
    cases = [(key, url) for url in targets(listeners) for key in ("http-send-request", "http-download-file")]
    for key, url in cases:
        props = {"method": "GET", "url": url} if key == "http-send-request" else {"url": url, "filePath": "/tmp/f"}
        before = listeners["v4"].touched + listeners["v6"].touched
        answer = run(guarded, key, props)
        assert_refused(json.dumps(answer), url)
        assert listeners["v4"].touched + listeners["v6"].touched == before, (key, url)
    assert len(cases) == 22


def test_the_http_app_arrives_where_the_operator_allows(opened, listeners):
    # `0` is the unspecified address, which opening loopback does not open (0.0.0.0/8 would).
    for url in [t for t in targets(listeners) if httpx.URL(t).host != "0"]:
        before = len(listeners["v4"].requests) + len(listeners["v6"].requests)
        answer = run(opened, "http-send-request", {"method": "GET", "url": url})
        assert answer["ret"]["status"] == 200, answer
        assert len(listeners["v4"].requests) + len(listeners["v6"].requests) == before + 1, url


def add_internal_account(server: GatewayServer, base: str) -> str:
    return server.add_account(server.project["project_id"], "user-1", "internal_api", {"base": base, "api_key": "k-secret"})


def test_an_apps_base_url_and_its_redirects_are_checked(guarded, opened, listeners):
    # A custom tool's base URL from the account, in every spelling; and an allowed base that redirects.
    for url in bypasses(listeners["v4"].port):
        base = url.rsplit("/", 1)[0]
        add_internal_account(guarded, base)
        before = listeners["v4"].touched
        answer = run(guarded, "~/internal_api-fetch", {"path": "/items"})
        assert_refused(json.dumps(answer), url)
        assert listeners["v4"].touched == before
    add_internal_account(guarded, f"http://127.0.0.2:{listeners['redirector'].port}")
    for target in redirects(listeners):
        before = listeners["v4"].touched + listeners["v6"].touched
        answer = run(guarded, "~/internal_api-fetch", {"path": "/redirect?to=" + target.split("to=", 1)[1]})
        assert_refused(json.dumps(answer), target)
        assert listeners["v4"].touched + listeners["v6"].touched == before

    add_internal_account(opened, f"http://127.0.0.1:{listeners['v4'].port}")
    answer = run(opened, "~/internal_api-fetch", {"path": "/items"})
    assert answer["ret"] == {"reached": "/items"}


def test_a_redirect_to_another_host_drops_the_apps_credentials(opened, listeners):
    add_internal_account(opened, f"http://127.0.0.2:{listeners['redirector'].port}")
    before = len(listeners["v4"].requests)
    answer = run(opened, "~/internal_api-fetch", {"path": f"/redirect?to=http://127.0.0.1:{listeners['v4'].port}/landed"})
    assert answer["ret"] == {"reached": "/landed"}
    (_, path, sent), = listeners["v4"].requests[before:]
    assert path == "/landed" and "X-Api-Key" not in sent  # the key went to the app's host only
    redirected = [r for r in listeners["redirector"].requests if r[1].startswith("/redirect")][-1]
    assert redirected[2]["X-Api-Key"] == "k-secret"


def test_a_redirect_chain_stops_at_the_hop_cap(opened, listeners):
    hop = f"http://127.0.0.1:{listeners['v4'].port}/redirect?to="
    url = hop * 7 + f"http://127.0.0.1:{listeners['v4'].port}/end"
    answer = run(opened, "http-send-request", {"method": "GET", "url": url})
    assert "TooManyRedirects" in json.dumps(answer) or "redirects" in json.dumps(answer).lower(), answer


def test_an_openapi_imported_app_is_checked(guarded, opened, listeners):
    before = listeners["v4"].touched
    answer = run(guarded, "~/loopback_api-list-items", {})
    assert_refused(json.dumps(answer), "http://2130706433/")
    assert listeners["v4"].touched == before
    arrived = run(opened, "~/loopback_api-list-items", {})
    assert arrived["ret"] == {"reached": "/items"}, arrived


def test_the_rest_proxy_is_checked(guarded, opened, listeners):
    for server, allowed in ((guarded, False), (opened, True)):
        account = add_internal_account(server, f"http://127.1:{listeners['v4'].port}")
        target = base64.urlsafe_b64encode(b"/items").decode().rstrip("=")
        before = listeners["v4"].touched
        answer = httpx.get(f"{server.url}/v1/connect/{server.project['project_id']}/proxy/{target}",
                           params={"external_user_id": "user-1", "account_id": account}, headers=headers(server))
        if allowed:
            assert answer.status_code == 200 and answer.json() == {"reached": "/items"}
        else:
            assert answer.status_code == 403, answer.text
            assert_refused(answer.text, "http://127.1/")
            assert listeners["v4"].touched == before


def deliveries(server: GatewayServer, run_id: str) -> dict[str, Any]:
    answer = httpx.get(f"{server.url}/v1/connect/{server.project['project_id']}/runs/{run_id}/deliveries", headers=headers(server))
    assert answer.status_code == 200, answer.text
    return answer.json()


def settled(server: GatewayServer, run_id: str) -> dict[str, Any]:
    """The run's delivery report once every event was delivered or given up."""
    def done() -> dict[str, Any] | None:
        report = deliveries(server, run_id)
        return report if all(d["delivered"] + d["failed"] == d["events"] for d in report["data"]) else None

    return wait_for(done, f"the deliveries of {run_id}")


def test_send_http_is_checked_when_called_and_when_delivered(guarded, opened, listeners):
    before = listeners["v4"].touched
    literal = run(guarded, "~/internal_api-notify", {"url": f"http://0x7f000001:{listeners['v4'].port}/hook"})
    assert_refused(json.dumps(literal), "http://0x7f000001/")  # an address spelling fails the run itself
    named = run(guarded, "~/internal_api-notify", {"url": f"http://localhost:{listeners['v4'].port}/hook"})
    assert_refused(json.dumps(named), "http://localhost/")
    # A name that resolves to loopback passes the call-time look at the URL; the delivery refuses it.
    queued = run(guarded, "~/internal_api-notify", {"url": f"http://{socket.gethostname()}:{listeners['v4'].port}/hook"})
    report = settled(guarded, queued["run_id"])
    (http,) = [d for d in report["data"] if d["kind"] == "http"]
    assert http["delivered"] == 0 and http["failed"] == 1, report  # given up at once: retrying cannot help
    assert listeners["v4"].touched == before

    host_name = run(opened, "~/internal_api-notify", {"url": f"http://localhost:{listeners['v4'].port}/hook"})
    report = settled(opened, host_name["run_id"])
    assert [d["delivered"] for d in report["data"] if d["kind"] == "http"] == [1]
    assert any(r[1] == "/hook" for r in listeners["v4"].requests)


def test_connect_webhooks_are_checked(guarded, opened, listeners):
    for server, allowed in ((guarded, False), (opened, True)):
        url = f"http://127.1:{listeners['v4'].port}/webhook"
        before = len([r for r in listeners["v4"].requests if r[1] == "/webhook"])
        delivery = server.call(server.gateway.webhooks.enqueue(server.project["project_id"], url, {"event": "CONNECTION_SUCCESS"}))
        server.call(server.gateway.webhooks.deliver_due())  # or the gateway's own worker does it first
        attempted = wait_for(lambda: server.execute(
            "SELECT last_error, delivered_at FROM webhook_deliveries WHERE id = :id AND attempts > 0", id=delivery),
            "the webhook attempt")
        ((error, delivered_at),) = attempted
        arrived = len([r for r in listeners["v4"].requests if r[1] == "/webhook"]) - before
        if allowed:
            assert error is None and delivered_at is not None and arrived == 1
        else:
            assert_refused(error, url)
            assert arrived == 0


def test_remote_mcp_servers_are_checked_when_added_discovered_and_called(guarded, opened, listeners):
    url = f"http://127.1:{listeners['v4'].port}/mcp"
    egress: EgressPolicy = guarded.gateway.settings.egress
    before, requests_before = listeners["v4"].touched, len(listeners["v4"].requests)

    async def attempts() -> list[str]:
        said = []
        for call in (list_remote_tools(url, None, egress), discover_oauth(url, egress),
                     register_client(f"http://0x7f.1:{listeners['v4'].port}/register", "https://gw.example/cb", egress)):
            with pytest.raises(RemoteMcpError) as refused:
                await call
            said.append(str(refused.value))
        return said

    for message in asyncio.run(attempts()):
        assert_refused(message, url)
    answer = run(guarded, "~/loopback_mcp-echo", {})
    assert_refused(json.dumps(answer), url)
    assert listeners["v4"].touched == before
    # Opened, the call reaches the listener (which is no MCP server, so the call then fails).
    run(opened, "~/loopback_mcp-echo", {})
    assert any(r[1] == "/mcp" for r in listeners["v4"].requests[requests_before:])


def test_oauth_token_endpoints_are_checked(guarded, opened, listeners):
    token_url = f"http://017700000001:{listeners['v4'].port}/token"
    app = App("loopback_oauth", "Loopback", "An OAuth provider on loopback.",
              auth=OAuth(authorize_url="https://auth.example/authorize", token_url=token_url))
    client = OAuthClient("oa_x", "loopback_oauth", None, None, "client", "secret")
    egress: EgressPolicy = guarded.gateway.settings.egress
    before, requests_before = listeners["v4"].touched, len(listeners["v4"].requests)

    async def attempts() -> list[OAuthFlowError]:
        failures = []
        for call in (exchange_code(app, client, code="c", redirect_uri="https://gw.example/cb", code_verifier=None, egress=egress),
                     refresh(app, client, {"oauth_access_token": "a", "oauth_refresh_token": "r"}, egress=egress)):
            with pytest.raises(OAuthFlowError) as failed:
                await call
            failures.append(failed.value)
        return failures

    for failure in asyncio.run(attempts()):
        assert_refused(str(failure), token_url)
        assert failure.permanent  # retrying cannot help until the operator changes the setting
    assert listeners["v4"].touched == before

    async def allowed() -> None:
        with pytest.raises(OAuthFlowError, match="token response has no access token"):  # the listener is no provider
            await exchange_code(app, client, code="c", redirect_uri="https://gw.example/cb", code_verifier=None,
                                egress=opened.gateway.settings.egress)

    asyncio.run(allowed())
    assert any(r[1] == "/token" for r in listeners["v4"].requests[requests_before:])


def test_database_apps_are_checked(guarded, opened, tcp):
    for app, key, fields in (
        ("postgresql", "postgresql-execute-custom-query", {"user": "u", "password": "pw", "database": "d", "sslmode": "disable"}),
        ("mysql", "mysql-execute-raw-query", {"username": "u", "password": "pw", "database": "d", "ssl_mode": "disabled"}),
    ):
        before = tcp.connections
        for host in ("127.1", "localhost", "2130706433", socket.gethostname()):
            account = guarded.add_account(guarded.project["project_id"], "db-user", app, {"host": host, "port": str(tcp.port), **fields})
            answer = run(guarded, key, {"sql": "select 1", app: {"authProvisionId": account}}, user="db-user")
            assert_refused(json.dumps(answer), f"http://{host}/")
            assert tcp.connections == before, (app, host)
        opened_account = opened.add_account(opened.project["project_id"], "db-user", app, {"host": "127.1", "port": str(tcp.port), **fields})
        before = tcp.connections
        answer = run(opened, key, {"sql": "select 1", app: {"authProvisionId": opened_account}}, user="db-user")
        assert "could not connect" in json.dumps(answer) or "connection" in json.dumps(answer).lower(), answer
        assert tcp.connections > before  # it dialled; the counter, no database, hung up


def test_an_openapi_document_url_is_checked(listeners):
    url = f"http://127.1:{listeners['v4'].port}/openapi.json"
    before = listeners["v4"].touched
    with pytest.raises(OpenApiError) as refused:
        asyncio.run(read_document(url, EgressPolicy()))
    assert_refused(str(refused.value), url)
    assert listeners["v4"].touched == before


def test_a_unix_socket_or_mixed_answer_is_refused():
    policy = EgressPolicy()

    async def attempts() -> list[str]:
        said = []
        for host in ("/var/run/postgresql", "localhost"):
            with pytest.raises(EgressDenied) as refused:
                await policy.addresses(host, 5432)
            said.append(str(refused.value))
        return said

    socket_refusal, name_refusal = asyncio.run(attempts())
    assert "local socket" in socket_refusal and "give a host on the network instead" in socket_refusal
    assert "loopback" in name_refusal


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("169.254.169.254", "link-local"), ("10.1.2.3", "private"), ("172.16.0.1", "private"),
        ("192.168.1.1", "private"), ("100.64.0.1", "shared (carrier-grade NAT)"), ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"), ("240.0.0.1", "reserved"), ("::1", "loopback"), ("::", "unspecified"),
        ("fe80::1", "link-local"), ("fd12::1", "unique-local"), ("ff02::1", "multicast"),
        ("::ffff:169.254.169.254", "link-local"), ("2002:7f00:1::", "loopback"), ("64:ff9b::a9fe:a9fe", "link-local"),
        ("64:ff9b::7f00:1", "loopback"), ("::127.0.0.1", "loopback"),
    ],
)
def test_every_internal_range_and_its_ipv6_disguises_are_refused(address, kind):
    with pytest.raises(EgressDenied, match=f"resolves to {address}, an? {kind.replace('(', '[(]').replace(')', '[)]')} address"):
        EgressPolicy().check("host", address)


def test_public_addresses_pass_and_operator_networks_open_only_themselves():
    EgressPolicy().check("host", "93.184.215.14")
    EgressPolicy().check("host", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    opened = EgressPolicy.allowing("10.20.0.0/16")
    opened.check("host", "10.20.3.4")
    opened.check("host", "::ffff:10.20.3.4")  # the mapped form of an opened address is opened too
    with pytest.raises(EgressDenied, match="10.0.0.0/8"):
        opened.check("host", "10.21.0.1")


def test_the_setting_and_its_deprecated_alias(monkeypatch, tmp_path):
    monkeypatch.setenv("MCP_GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MCP_GATEWAY_PRIVATE_NETWORKS", "10.0.0.0/8, fd00::/8")
    settings = Settings.from_env()
    assert settings.private_networks == ("10.0.0.0/8", "fd00::/8") and settings.deprecations == ()
    monkeypatch.setenv("MCP_GATEWAY_PRIVATE_NETWORKS", "10.0.0.0/8,not-a-network")
    with pytest.raises(Exception, match="'not-a-network' is not a network"):
        Settings.from_env()
    monkeypatch.delenv("MCP_GATEWAY_PRIVATE_NETWORKS")
    monkeypatch.setenv(LEGACY_PRIVATE_URLS_SETTING, "1")
    settings = Settings.from_env()
    assert "127.0.0.0/8" in settings.private_networks and "192.168.0.0/16" in settings.private_networks
    assert "::1/128" in settings.private_networks
    (warning,) = settings.deprecations
    assert "deprecated" in warning and "MCP_GATEWAY_PRIVATE_NETWORKS=" in warning


async def test_a_name_is_resolved_once_and_the_checked_address_is_dialled(listeners):
    # The client never looks the name up twice: the lookup that was judged is the one dialled.
    lookups: list[str] = []
    loop = asyncio.get_running_loop()
    real = loop.getaddrinfo

    async def counting(host, *args, **kwargs):
        lookups.append(host)
        return await real(host, *args, **kwargs)

    loop.getaddrinfo = counting  # type: ignore[method-assign]
    try:
        async with http_client(EgressPolicy.allowing("127.0.0.0/8")) as client:
            answer = await client.get(f"http://localhost:{listeners['v4'].port}/once")
    finally:
        del loop.getaddrinfo
    assert answer.json() == {"reached": "/once"}
    assert lookups == ["localhost"]
    assert listeners["v4"].requests[-1][2]["Host"] == f"localhost:{listeners['v4'].port}"


def test_an_s3_compatible_endpoint_is_checked(guarded, opened, listeners):
    keys = {"accessKeyId": "AKIAEXAMPLE", "secretAccessKey": "secret", "region": "us-east-1"}
    for endpoint in (f"http://127.0.0.1:{listeners['v4'].port}", f"http://localhost:{listeners['v4'].port}",
                     f"http://{socket.gethostname()}:{listeners['v4'].port}"):
        account = guarded.add_account(guarded.project["project_id"], "s3-user", "aws", {**keys, "endpointUrl": endpoint})
        before = listeners["v4"].touched
        answer = run(guarded, "aws-s3-list-buckets", {"aws": {"authProvisionId": account}}, user="s3-user")
        assert_refused(json.dumps(answer), endpoint)
        assert listeners["v4"].touched == before, endpoint
    account = opened.add_account(opened.project["project_id"], "s3-user", "aws",
                                 {**keys, "endpointUrl": f"http://localhost:{listeners['v4'].port}"})
    before = len(listeners["v4"].requests)
    run(opened, "aws-s3-list-buckets", {"aws": {"authProvisionId": account}}, user="s3-user")
    assert len(listeners["v4"].requests) > before  # it arrived (and the listener, no S3, answered nonsense)
