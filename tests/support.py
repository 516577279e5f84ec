"""A real gateway on 127.0.0.1 for end-to-end tests: uvicorn in a thread with its own loop."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import json
import os
import re
import ssl
import threading
from collections.abc import Callable, Coroutine
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import Executable, inspect, text

from mcp_gateway.app import create_app
from mcp_gateway.config import Settings
from mcp_gateway.gateway import Gateway
from mcp_gateway.net import EgressPolicy
from tests.child import free_port  # noqa: F401  (imported from here by many tests)
from tests.databases import SQLITE, DatabaseBackend

# Tests whose upstreams listen on this machine open loopback, as an operator would with
# MCP_GATEWAY_PRIVATE_NETWORKS=127.0.0.0/8; the egress guard itself stays on.
LOCAL_UPSTREAMS = EgressPolicy.allowing("127.0.0.0/8")

# NUL or a lone surrogate, raw or as a JSON escape (a high surrogate not followed by a low one,
# or a low one not after a high one).
_UNSTORABLE_TEXT = re.compile(
    r"[\x00\ud800-\udfff]|\\u0000"
    r"|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)




def private_ca_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A private CA, and a certificate for 127.0.0.1 it signs."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mcp-gateway test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "leaf.pem").write_bytes(leaf.public_bytes(pem))
    (folder / "leaf.key").write_bytes(leaf_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return folder / "ca.pem", folder / "leaf.pem", folder / "leaf.key"



class TlsJsonServer:
    """An HTTPS server on 127.0.0.1 (a certificate from `private_ca_certificates`) answering each
    GET with the JSON `answer(path, headers)` gives as (status, body); keeps what it was sent."""

    def __init__(self, cert: Path, key: Path, answer: Callable[[str, dict[str, str]], tuple[int, Any]]) -> None:
        self.requests: list[dict[str, Any]] = []
        served = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                headers = dict(self.headers)
                served.requests.append({"path": self.path, "headers": headers})
                status, document = answer(self.path, headers)
                body = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.host = f"127.0.0.1:{self._server.server_address[1]}"
        self.url = f"https://{self.host}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> TlsJsonServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

def gateway_settings(data_dir: Path, database: DatabaseBackend = SQLITE, **overrides: Any) -> Settings:
    """Settings of a test gateway keeping its files in `data_dir` and its rows in `database`'s
    store for that dir (the `database_backend` fixture, in store-dependent tests)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        data_dir=data_dir,
        database_url=database.url(data_dir),
        secret_key=os.urandom(32).hex().encode(),
        # Tests that exercise rate limits configure their own; the rest should never meet one.
        rate_limits={},
    )
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


def parameter_headers(project: dict[str, str], user: str = "user-1") -> dict[str, str]:
    """The hosted server's parameter headers, for `user`, the http app and tools-only mode."""
    return {
        "Authorization": f"Bearer {project['token']}",
        "x-pd-project-id": project["project_id"],
        "x-pd-environment": "development",
        "x-pd-external-user-id": user,
        "x-pd-app-slug": "http",
        "x-pd-tool-mode": "tools-only",
    }


class GatewayServer:
    """Starts the whole gateway (store, catalog, HTTP) and serves it until `stop()`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.gateway: Gateway | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: uvicorn.Server | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name="gateway-server", daemon=True)

    def start(self) -> GatewayServer:
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("gateway did not start within 30 s")
        if self._error is not None:
            raise RuntimeError("gateway failed to start") from self._error
        return self

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # surfaced by start()
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.gateway = await Gateway.open(self.settings)
        app = create_app(self.settings, self.gateway, bind_host="127.0.0.1")
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on",
                                timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        serving = asyncio.create_task(self._server.serve())
        while not self._server.started and not serving.done():
            await asyncio.sleep(0.01)
        self._ready.set()
        await serving

    def call(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Run a coroutine on the server's loop (to use its store directly)."""
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(30)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        self._thread.join(15)

    # Conveniences

    def create_project(self, name: str = "test project") -> dict[str, str]:
        assert self.gateway is not None
        new = self.call(self.gateway.auth.create_project(name))
        return {"project_id": new.project_id, "client_id": new.client_id, "client_secret": new.client_secret}

    def token(self, project: dict[str, str]) -> str:
        response = httpx.post(
            f"{self.url}/v1/oauth/token",
            json={"grant_type": "client_credentials", "client_id": project["client_id"], "client_secret": project["client_secret"]},
        )
        response.raise_for_status()
        return response.json()["access_token"]

    def add_account(self, project_id: str, external_user_id: str, app: str, credentials: dict[str, Any], environment: str = "development") -> str:
        assert self.gateway is not None
        return self.call(self.gateway.accounts.add(project_id, environment, external_user_id, app, credentials))

    def execute(self, statement: str | Executable, **params: Any) -> list[tuple[Any, ...]]:
        """Run a statement (SQL text, or SQLAlchemy's for values that need the column types, such
        as timestamps) on the gateway's database, whichever backend it is; the rows it returns."""
        assert self.gateway is not None
        engine = self.gateway.db.engine

        async def run() -> list[tuple[Any, ...]]:
            async with engine.begin() as conn:
                result = await conn.execute(text(statement) if isinstance(statement, str) else statement, params)
                return [tuple(row) for row in result] if result.returns_rows else []

        return self.call(run())

    def stored_text(self) -> str:
        """Every row of every table as the database holds it, to check no secret is stored in clear."""
        assert self.gateway is not None
        engine = self.gateway.db.engine

        async def run() -> str:
            async with engine.connect() as conn:
                tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
                rows = [row for table in tables for row in await conn.execute(text(f'SELECT * FROM "{table}"'))]
            return "\n".join(map(str, rows))

        return self.call(run())

    def unstorable_stored_text(self) -> list[str]:
        """Stored text values (JSON ones as JSON text) holding NUL or a lone surrogate, raw or as
        a JSON escape: what no database should have been given."""
        assert self.gateway is not None
        engine = self.gateway.db.engine

        async def run() -> list[str]:
            async with engine.connect() as conn:
                tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
                rows = [row for table in tables for row in await conn.execute(text(f'SELECT * FROM "{table}"'))]
            values = [v if isinstance(v, str) else json.dumps(v) for row in rows for v in row if isinstance(v, (str, dict, list))]
            return [value for value in values if _UNSTORABLE_TEXT.search(value)]

        return self.call(run())
