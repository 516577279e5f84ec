"""The ASGI app: routes, middleware and lifespan composed over a `Gateway`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

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
from mcp_gateway.api import keys as keys_api
from mcp_gateway.api import openapi as openapi_api
from mcp_gateway.api import proxy as proxy_api
from mcp_gateway.api import rate_limits as rate_limits_api
from mcp_gateway.api import sse as sse_api
from mcp_gateway.api import tokens as tokens_api
from mcp_gateway.authz.endpoints import routes as authz_routes
from mcp_gateway.api.rest import Api
from mcp_gateway.body_limit import BodyLimit
from mcp_gateway.config import Settings
from mcp_gateway.destinations.backlog import backlog
from mcp_gateway.files import BaseUrlMiddleware
from mcp_gateway.gateway import Gateway
from mcp_gateway.metrics import metrics_endpoint
from mcp_gateway.mcp.http import McpEndpoint
from mcp_gateway.mcp.security import HostGuard, is_loopback
from mcp_gateway.observe import RequestObserver
from mcp_gateway.reserved import ReservedPaths
from mcp_gateway.web.catalog import CatalogPages
from mcp_gateway.web.consent import ConsentPage
from mcp_gateway.web.connect import ConnectPages

logger = logging.getLogger("mcp_gateway")

_UNWIND_SECONDS = 5.0
_SWEEP_SECONDS = 600.0

# Each module declares its REST endpoints with `register(api, gateway, base_url)`.
API_MODULES = (
    oauth_api, tokens_api, accounts_api, catalog_api, components_api, files_api, proxy_api, rate_limits_api, sse_api,
    keys_api, openapi_api,
)


def create_app(settings: Settings, gateway: Gateway, *, bind_host: str = "127.0.0.1") -> Starlette:
    protection = settings.dns_rebinding_protection
    if protection is None:
        protection = is_loopback(bind_host)
    mcp = McpEndpoint(
        protocol=gateway.protocol,
        auth=gateway.authenticator,
        sessions=gateway.sessions,
        hub=gateway.hub,
        inflight=gateway.inflight,
        list_changes=gateway.list_changes,
        catalog=gateway.catalog,
        guard=HostGuard(enabled=protection, allowed_hosts=settings.allowed_hosts, allowed_origins=settings.allowed_origins),
        default_tool_mode=settings.default_tool_mode,
        drain=gateway.drain,
        public_url=settings.public_url,
    )

    api = Api(gateway.authenticator, rate_limits_api.limiter(settings, gateway.shared), gateway.base_url)
    for module in API_MODULES:
        module.register(api, gateway, gateway.base_url)
    pages = ConnectPages(gateway.flow, gateway.catalog, gateway.base_url)

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    # First, so that no reserved path (`/.well-known/...`, `/register`, ...) is taken for `/{external_user_id}/{app}`.
    reserved = ReservedPaths()
    reserved.add(Route("/sse", mcp.sse))
    for route in authz_routes(gateway.authorization, gateway.base_url):
        reserved.add(route)
    for route in ConsentPage(gateway.authorization, gateway.catalog, gateway.accounts, gateway.tokens, gateway.base_url).routes():
        reserved.add(route)

    mcp_methods = ["GET", "POST", "DELETE"]
    routes = [
        *reserved.routes(),
        Route("/healthz", health, methods=["GET"]),
        Route("/readyz", gateway.readiness.endpoint, methods=["GET"]),
        Route("/metrics", metrics_endpoint(gateway.metrics, lambda: queue_depths(gateway), settings.metrics_token), methods=["GET"]),
        *api.routes(),
        *pages.routes(),
        *CatalogPages(gateway.catalog, settings, gateway.base_url).routes(),
        # MCP: the base URL, /mcp, and the path forms with the user and app in the path; the `/sse`
        # forms (any method, so that a POST there is told where messages go) are legacy SSE only.
        Route("/", mcp, methods=mcp_methods),
        Route("/messages", mcp, methods=["POST"]),
        Route("/mcp", mcp, methods=mcp_methods),
        Route("/mcp/messages", mcp, methods=["POST"]),
        # A URL that carries a project API key made for it, for clients that hold only a URL.
        Route("/k/{key}/mcp", mcp, methods=mcp_methods),
        Route("/k/{key}/mcp/messages", mcp, methods=["POST"]),
        Route("/k/{key}/sse", mcp.sse),
        Route("/k/{key}/messages", mcp, methods=["POST"]),
        Route("/v1/{external_user_id}/{app}", mcp, methods=mcp_methods),
        Route("/v1/{external_user_id}/{app}/messages", mcp, methods=["POST"]),
        Route("/v1/{external_user_id}/{app}/sse", mcp.sse),
        Route("/{external_user_id}/{app}", mcp, methods=mcp_methods),
        Route("/{external_user_id}/{app}/messages", mcp, methods=["POST"]),
        Route("/{external_user_id}/{app}/sse", mcp.sse),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        gateway.webhooks.start()
        # Built beside serving rather than before it (or during the first search): with the
        # pack's 2,000 apps it takes about 300 ms.
        warming = asyncio.create_task(asyncio.to_thread(gateway.catalog.search_index))
        gateway.destinations.start()
        if gateway.runtime.files is not None:
            gateway.runtime.files.start()
        sweeping = asyncio.create_task(_sweep_expired(gateway))
        try:
            yield
        finally:
            sweeping.cancel()
            # Requests the server cut off at the end of its drain finish unwinding (writing their
            # run records) before the database closes.
            await gateway.drain.wait_idle(_UNWIND_SECONDS)
            await warming
            await gateway.close()

    middleware = [
        Middleware(RequestObserver, drain=gateway.drain, metrics=gateway.metrics),
        Middleware(BodyLimit, max_body_bytes=settings.max_body_bytes, max_upload_bytes=settings.file_max_upload),
        # Download links in results point at the host the request came to (unless a public URL is set).
        Middleware(BaseUrlMiddleware),
    ]
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)


async def _sweep_expired(gateway: Gateway) -> None:
    """Remove expired MCP sessions and tasks now and then (whichever process gets there first)."""
    while True:
        try:
            sessions, tasks = await gateway.sessions.purge_expired(), await gateway.tasks.purge_expired()
            if sessions or tasks:
                logger.info("removed %d expired MCP sessions and %d expired tasks", sessions, tasks)
        except Exception:  # the next sweep tries again
            logger.warning("could not remove expired MCP sessions and tasks", exc_info=True)
        await asyncio.sleep(_SWEEP_SECONDS)


async def queue_depths(gateway: Gateway) -> dict[str, int]:
    """Work waiting in the database for any process: `$.send` deliveries and Connect webhooks."""
    return {**await backlog(gateway.db), "webhooks": await gateway.webhooks.pending()}
