"""The gateway's parts built from settings: the one container that the HTTP edges (api/, mcp/, web/) are handed."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from starlette.requests import Request

from mcp_gateway.agents import SubAgent
from mcp_gateway.authz import ApiKeys, Authenticator, AuthorizationServer, Clients, SignIn
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
from mcp_gateway.files import Files
from mcp_gateway.lifecycle import Drain, Readiness, ReadyCheck
from mcp_gateway.connect.connections import Connections
from mcp_gateway.mcp.accounts import AccountLinks
from mcp_gateway.mcp.conversations import ConversationStore
from mcp_gateway.mcp.full_config import FullConfig
from mcp_gateway.mcp.inflight import Inflight
from mcp_gateway.mcp.protocol import Protocol
from mcp_gateway.mcp.request_state import RequestStates
from mcp_gateway.mcp.resources import Resources
from mcp_gateway.mcp.sessions import LogLevels, SessionStore, StreamHub
from mcp_gateway.mcp.subagent import SubAgentMode
from mcp_gateway.mcp.subscriptions import ListChanges
from mcp_gateway.mcp.tasks import Tasks
from mcp_gateway.mcp.tools import ToolsOnly
from mcp_gateway.metrics import Metrics
from mcp_gateway.runtime.engine import shared_http_client
from mcp_gateway.runtime.service import Runtime
from mcp_gateway.store.db import Database
from mcp_gateway.store.shared import Shared, open_shared

logger = logging.getLogger(__name__)


@dataclass
class Gateway:
    settings: Settings
    db: Database
    shared: Shared
    catalog: Catalog
    vault: Vault
    auth: DeveloperAuth
    keys: ApiKeys
    authorization: AuthorizationServer
    # Every MCP and REST caller's credential goes through this: tokens and keys alike.
    authenticator: Authenticator
    accounts: Accounts
    oauth_apps: OAuthApps
    tokens: ConnectTokens
    webhooks: Webhooks
    destinations: Destinations
    flow: ConnectFlow
    runtime: Runtime
    sessions: SessionStore
    hub: StreamHub
    inflight: Inflight
    list_changes: ListChanges
    tasks: Tasks
    protocol: Protocol
    metrics: Metrics
    drain: Drain
    readiness: Readiness

    @classmethod
    async def open(cls, settings: Settings, catalog: Catalog | None = None) -> Gateway:
        for notice in settings.deprecations:
            logger.warning("%s", notice)
        egress = settings.egress
        shared = await open_shared(settings.redis_url)  # first: a wrong Redis URL fails before any work
        db = Database(settings.database_url)
        await db.migrate()
        catalog = catalog or load_catalog(custom_dir=settings.custom_tools_dir, packs=settings.packs)
        vault = Vault(settings.secret_keys)
        auth = DeveloperAuth(db, settings.secret_keys, vault, settings.access_token_ttl, settings.access_token_max_ttl)
        keys = ApiKeys(db)
        signin = SignIn(settings.end_user_signin, egress) if settings.end_user_signin is not None else None
        authorization = AuthorizationServer(db, vault, Clients(db, egress), signin)
        accounts = Accounts(db, vault)
        oauth_apps = OAuthApps(db, vault)
        tokens = ConnectTokens(db, vault)
        webhooks = Webhooks(db, vault, auth.webhook_secret, backoff=settings.webhook_backoff, egress=egress)
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
            CredentialBroker(accounts, oauth_apps, shared, egress=egress),
            run_timeout=settings.run_timeout,
            files=Files.from_settings(settings, db),
            destinations=destinations,
            observer=metrics,
            egress=egress,
        )
        tools_only = ToolsOnly(catalog, runtime)
        sessions = SessionStore(db, settings.session_ttl, shared)
        await sessions.start()
        inflight = Inflight(shared)
        await inflight.start()
        list_changes = ListChanges(shared)
        tasks = Tasks(db, vault, shared)
        agent = SubAgent.from_settings(runtime, settings)  # None without an LLM provider
        flow = ConnectFlow(
            db, catalog, tokens, accounts, oauth_apps, webhooks, vault, lambda: shared_http_client(egress), egress=egress,
        )
        hub = StreamHub(shared)
        connections = Connections(shared)
        links = AccountLinks(catalog, tokens, flow, connections, hub)
        flow.on_connected += [connections.connected, links.connected]
        return cls(
            settings=settings,
            db=db,
            shared=shared,
            catalog=catalog,
            vault=vault,
            auth=auth,
            keys=keys,
            authorization=authorization,
            authenticator=Authenticator(auth, keys, authorization),
            accounts=accounts,
            oauth_apps=oauth_apps,
            tokens=tokens,
            webhooks=webhooks,
            destinations=destinations,
            flow=flow,
            runtime=runtime,
            sessions=sessions,
            hub=hub,
            inflight=inflight,
            list_changes=list_changes,
            tasks=tasks,
            protocol=Protocol(
                tools_only,
                links,
                FullConfig(catalog, runtime, tools_only, ConversationStore(db, vault, settings.conversation_ttl)),
                inflight=inflight,
                request_states=RequestStates(settings.secret_keys),
                log_levels=LogLevels(shared, settings.session_ttl),
                list_changes=list_changes,
                resources=Resources(catalog, runtime),
                tasks=tasks,
                sub_agent=SubAgentMode(catalog, agent) if agent is not None else None,
            ),
            metrics=metrics,
            drain=drain,
            readiness=Readiness(drain, ready_checks),
        )

    def base_url(self, request: Request) -> str:
        """Where clients reach this gateway: the configured public URL, else the host the request came to."""
        return self.settings.public_url or f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"

    async def close(self) -> None:
        await self.webhooks.stop()
        await self.destinations.stop()
        if self.runtime.files is not None:
            await self.runtime.files.close()
        await self.runtime.runlog.close()
        await self.shared.close()
        await self.db.close()
