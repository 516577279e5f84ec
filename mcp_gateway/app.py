"""Wiring: the gateway's parts built from settings, and the ASGI app that serves them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mcp_gateway.api import accounts as accounts_api
from mcp_gateway.api import oauth as oauth_api
from mcp_gateway.api import catalog as catalog_api
from mcp_gateway.api import components as components_api
from mcp_gateway.api import files as files_api
from mcp_gateway.api import openapi as openapi_api
from mcp_gateway.api import proxy as proxy_api
from mcp_gateway.api import rate_limits as rate_limits_api
from mcp_gateway.api import sse as sse_api
from mcp_gateway.api import tokens as tokens_api
from mcp_gateway.api.rest import Api
from mcp_gateway.catalog import Catalog, load_catalog
from mcp_gateway.config import Settings
from mcp_gateway.connect.accounts import Accounts
from mcp_gateway.connect.credentials import CredentialBroker
from mcp_gateway.connect.developer_auth import DeveloperAuth
from mcp_gateway.connect.flow import ConnectFlow
from mcp_gateway.connect.oauth_apps import OAuthApps
from mcp_gateway.connect.tokens import ConnectTokens
from mcp_gateway.connect.vault import Vault
from mcp_gateway.connect.webhooks import Webhooks
from mcp_gateway.destinations import Destinations
from mcp_gateway.destinations.backlog import backlog
from mcp_gateway.files import BaseUrlMiddleware, Files
from mcp_gateway.lifecycle import Drain, Readiness, ReadyCheck
from mcp_gateway.metrics import Metrics, metrics_endpoint
from mcp_gateway.agents import SubAgent
from mcp_gateway.mcp.accounts import AccountLinks
from mcp_gateway.mcp.conversations import ConversationStore
from mcp_gateway.mcp.full_config import FullConfig
from mcp_gateway.mcp.http import McpEndpoint
from mcp_gateway.mcp.protocol import Protocol
from mcp_gateway.mcp.security import HostGuard, is_loopback
from mcp_gateway.mcp.sessions import SessionStore, StreamHub
from mcp_gateway.mcp.subagent import SubAgentMode
from mcp_gateway.mcp.tools import ToolsOnly
from mcp_gateway.observe import RequestObserver
from mcp_gateway.runtime.engine import shared_http_client
from mcp_gateway.runtime.service import Runtime
from mcp_gateway.store.db import Database
from mcp_gateway.store.shared import Shared, open_shared
from mcp_gateway.web.catalog import CatalogPages
from mcp_gateway.web.connect import ConnectPages

logger = logging.getLogger("mcp_gateway")

_UNWIND_SECONDS = 5.0

# Each module declares its REST endpoints with `register(api, gateway, base_url)`.
API_MODULES = (
    oauth_api, tokens_api, accounts_api, catalog_api, components_api, files_api, proxy_api, rate_limits_api, sse_api,
    openapi_api,
)


@dataclass
class Gateway:
    settings: Settings
    db: Database
    shared: Shared
    catalog: Catalog
    vault: Vault
    auth: DeveloperAuth
    accounts: Accounts
    oauth_apps: OAuthApps
    tokens: ConnectTokens
    webhooks: Webhooks
    destinations: Destinations
    flow: ConnectFlow
    runtime: Runtime
    sessions: SessionStore
    hub: StreamHub
    protocol: Protocol
    metrics: Metrics
    drain: Drain
    readiness: Readiness

    @classmethod
    async def open(cls, settings: Settings, catalog: Catalog | None = None) -> Gateway:
        shared = await open_shared(settings.redis_url)  # first: a wrong Redis URL fails before any work
        db = Database(settings.database_url)
        await db.migrate()
        catalog = catalog or load_catalog(custom_dir=settings.custom_tools_dir)
        vault = Vault(settings.secret_keys)
        auth = DeveloperAuth(db, settings.secret_keys, vault, settings.access_token_ttl)
        accounts = Accounts(db, vault)
        oauth_apps = OAuthApps(db, vault)
        tokens = ConnectTokens(db, vault)
        webhooks = Webhooks(db, vault, auth.webhook_secret, backoff=settings.webhook_backoff)
        destinations = Destinations(db, settings, vault, shared)
        drain = Drain()
        metrics = Metrics(in_flight=lambda: drain.in_flight)
        ready_checks: dict[str, ReadyCheck] = {"database": db.ping}
        if shared.distributed:
            ready_checks["redis"] = shared.ping
        runtime = Runtime(
            catalog,
            db,
            accounts,
            CredentialBroker(accounts, oauth_apps, shared),
            run_timeout=settings.run_timeout,
            files=Files.from_settings(settings, db),
            destinations=destinations,
            observer=metrics,
        )
        tools_only = ToolsOnly(catalog, runtime)
        sessions = SessionStore(db, settings.session_ttl, shared)
        await sessions.start()
        agent = SubAgent.from_settings(runtime, settings)  # None without an LLM provider
        return cls(
            settings=settings,
            db=db,
            shared=shared,
            catalog=catalog,
            vault=vault,
            auth=auth,
            accounts=accounts,
            oauth_apps=oauth_apps,
            tokens=tokens,
            webhooks=webhooks,
            destinations=destinations,
            flow=ConnectFlow(db, catalog, tokens, accounts, oauth_apps, webhooks, vault, shared_http_client),
            runtime=runtime,
            sessions=sessions,
            hub=StreamHub(shared),
            protocol=Protocol(
                tools_only,
                AccountLinks(tokens),
                FullConfig(catalog, runtime, tools_only, ConversationStore(db, vault, settings.conversation_ttl)),
                SubAgentMode(catalog, agent) if agent is not None else None,
            ),
            metrics=metrics,
            drain=drain,
            readiness=Readiness(drain, ready_checks),
        )

    async def close(self) -> None:
        await self.webhooks.stop()
        await self.destinations.stop()
        if self.runtime.files is not None:
            await self.runtime.files.close()
        await self.runtime.runlog.close()
        await self.shared.close()
        await self.db.close()


def create_app(settings: Settings, gateway: Gateway, *, bind_host: str = "127.0.0.1") -> Starlette:
    protection = settings.dns_rebinding_protection
    if protection is None:
        protection = is_loopback(bind_host)
    mcp = McpEndpoint(
        protocol=gateway.protocol,
        auth=gateway.auth,
        sessions=gateway.sessions,
        hub=gateway.hub,
        catalog=gateway.catalog,
        guard=HostGuard(enabled=protection, allowed_hosts=settings.allowed_hosts, allowed_origins=settings.allowed_origins),
        default_tool_mode=settings.default_tool_mode,
        drain=gateway.drain,
        public_url=settings.public_url,
    )

    def base_url(request: Request) -> str:
        return settings.public_url or f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"

    api = Api(gateway.auth, rate_limits_api.limiter(settings, gateway.shared))
    for module in API_MODULES:
        module.register(api, gateway, base_url)
    pages = ConnectPages(gateway.flow, gateway.catalog, base_url)

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    mcp_methods = ["GET", "POST", "DELETE"]
    routes = [
        Route("/healthz", health, methods=["GET"]),
        Route("/readyz", gateway.readiness.endpoint, methods=["GET"]),
        Route("/metrics", metrics_endpoint(gateway.metrics, lambda: queue_depths(gateway), settings.metrics_token), methods=["GET"]),
        *api.routes(),
        *pages.routes(),
        *CatalogPages(gateway.catalog, base_url).routes(),
        # MCP: the base URL, /mcp, and the path forms with the user and app in the path.
        Route("/", mcp, methods=mcp_methods),
        Route("/messages", mcp, methods=["POST"]),
        Route("/mcp", mcp, methods=mcp_methods),
        Route("/mcp/messages", mcp, methods=["POST"]),
        Route("/v1/{external_user_id}/{app}", mcp, methods=mcp_methods),
        Route("/v1/{external_user_id}/{app}/messages", mcp, methods=["POST"]),
        Route("/{external_user_id}/{app}", mcp, methods=mcp_methods),
        Route("/{external_user_id}/{app}/messages", mcp, methods=["POST"]),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        gateway.webhooks.start()
        gateway.catalog.search_index()  # built before the first search rather than during it
        gateway.destinations.start()
        if gateway.runtime.files is not None:
            gateway.runtime.files.start()
        try:
            yield
        finally:
            # Requests the server cut off at the end of its drain finish unwinding (writing their
            # run records) before the database closes.
            await gateway.drain.wait_idle(_UNWIND_SECONDS)
            await gateway.close()

    middleware = [
        Middleware(RequestObserver, drain=gateway.drain, metrics=gateway.metrics),
        # Download links in results point at the host the request came to (unless a public URL is set).
        Middleware(BaseUrlMiddleware),
    ]
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)


async def queue_depths(gateway: Gateway) -> dict[str, int]:
    """Work waiting in the database for any process: `$.send` deliveries and Connect webhooks."""
    return {**await backlog(gateway.db), "webhooks": await gateway.webhooks.pending()}
