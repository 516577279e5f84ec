"""One account connection, from a Connect Link to a saved account: the OAuth authorization
code flow or a form of API keys, the app's account test, webhooks either way."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import delete, select

from mcp_gateway.catalog import AccountContext, ActionError, App, Catalog, Identity, Keys, OAuth, UpstreamError
from mcp_gateway.catalog.http import AppHttp
from mcp_gateway.net import EgressPolicy
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import Account, OAuthFlow, Project, utcnow

from . import oauth
from .accounts import AccountError, Accounts
from .oauth_apps import CALLBACK_PATH, OAuthAppError, OAuthApps, OAuthClientMissing
from .tokens import APP_NOT_FOUND, INVALID, ConnectSession, ConnectTokenError, ConnectTokens
from .vault import Vault
from .webhooks import Webhooks

logger = logging.getLogger(__name__)

_FLOW_TTL = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Branding:
    """What the Connect page shows about the developer's project."""

    app_name: str | None
    support_email: str | None
    logo_url: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a connection attempt ended, and where to send the user."""

    session: ConnectSession
    app: App
    account_id: str | None = None
    error: str | None = None

    @property
    def redirect_uri(self) -> str | None:
        return self.session.success_redirect_uri if self.error is None else self.session.error_redirect_uri


class ConnectFlow:
    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        tokens: ConnectTokens,
        accounts: Accounts,
        oauth_apps: OAuthApps,
        webhooks: Webhooks,
        vault: Vault,
        http: Callable[[], httpx.AsyncClient],
        *,
        egress: EgressPolicy = EgressPolicy(),
    ) -> None:
        self._egress = egress
        self._db = db
        self._catalog = catalog
        self._tokens = tokens
        self._accounts = accounts
        self._oauth_apps = oauth_apps
        self._webhooks = webhooks
        self._vault = vault
        self._http = http  # the shared client, for account tests
        # The (project, app) pairs whose missing OAuth client the operator has been told of.
        self._told: set[tuple[str, str]] = set()
        # Called with (project, environment, external user, app) once an account is saved.
        self.on_connected: list[Callable[[str, str, str, str], Awaitable[None]]] = []

    async def open(self, token: str | None, app_slug: str | None) -> tuple[ConnectSession, App | None]:
        """The session and app a Connect Link asks for; `ConnectTokenError` with the user-facing message."""
        session = await self._tokens.open(token)
        slug = app_slug or session.app_slug
        if slug is None:
            return session, None
        if session.app_slug and slug != session.app_slug:
            raise ConnectTokenError(f"This link is for connecting {session.app_slug}, not {slug}.")
        app = self._catalog.apps.get(slug)
        if app is None or app.auth_type == "none":
            raise ConnectTokenError(APP_NOT_FOUND, status=404)
        return session, app

    async def branding(self, project_id: str) -> Branding:
        async with self._db.session() as s:
            project = await s.get(Project, project_id)
        if project is None:
            return Branding(None, None, None)
        return Branding(project.app_name or project.name, project.support_email, project.logo_url)

    # OAuth

    async def check_connectable(self, project_id: str, app_slug: str, *, base_url: str, oauth_app_id: str | None = None) -> None:
        """Raise `OAuthClientMissing` when `app_slug` connects through OAuth and no client would be used
        for it (`OAuthAppError` when `oauth_app_id` is not one this project may use). The operator reads
        the fix in the log, once per project and app: the end user who hit it cannot apply it."""
        app = self._catalog.apps.get(app_slug)
        if app is None or app.auth_type != "oauth":
            return
        try:
            await self._oauth_apps.check(project_id, app_slug, oauth_app_id, base_url=base_url)
        except OAuthClientMissing as exc:
            if (project_id, app_slug) not in self._told:
                self._told.add((project_id, app_slug))
                logger.warning("end users of project %s cannot connect %s: %s", project_id, app.name, exc)
            raise

    async def start_oauth(self, session: ConnectSession, app: App, oauth_app_id: str | None, base_url: str) -> str:
        """Record the flow and return the provider's authorization URL to send the user to."""
        client = await self._oauth_apps.resolve(session.project_id, app.slug, oauth_app_id or session.oauth_app_id)
        try:
            settings = await oauth.endpoints(app, self._egress)
        except oauth.OAuthFlowError as exc:
            raise OAuthAppError(str(exc)) from None
        state = oauth.new_state()
        verifier = oauth.new_code_verifier() if oauth.oauth_of(app).pkce else None
        redirect_uri = base_url.rstrip("/") + CALLBACK_PATH
        async with self._db.session() as s, s.begin():
            await s.execute(delete(OAuthFlow).where(OAuthFlow.expires_at < utcnow()))
            s.add(
                OAuthFlow(
                    state=state,
                    token_hash=session.token_hash,
                    app_slug=app.slug,
                    oauth_app_id=client.id,
                    code_verifier=self._vault.encrypt({"v": verifier}, context=state) if verifier else None,
                    redirect_uri=redirect_uri,
                    expires_at=utcnow() + _FLOW_TTL,
                )
            )
        return oauth.authorization_url(app, client, redirect_uri=redirect_uri, state=state, code_verifier=verifier,
                                       oauth=settings)

    async def finish_oauth(self, params: Mapping[str, str]) -> Outcome:
        """Handle the provider's redirect back; raises `ConnectTokenError` if it cannot be tied to a link."""
        state = params.get("state")
        if not state:
            raise ConnectTokenError("The sign-in response has no state; start again from your Connect Link.")
        async with self._db.session() as s, s.begin():
            flow = await s.get(OAuthFlow, state)
            if flow is not None:
                await s.delete(flow)  # a state is good for one callback
        if flow is None or flow.expires_at < utcnow():
            raise ConnectTokenError("This sign-in attempt is unknown or took too long; start again from your Connect Link.")
        session = await self._tokens.by_hash(flow.token_hash)
        app = self._catalog.apps[flow.app_slug]
        if params.get("error"):
            reason = params.get("error_description") or params["error"]
            if params["error"] == "access_denied":
                reason = f"Access to {app.name} was denied ({reason})" if params.get("error_description") else f"Access to {app.name} was denied."
            return await self._fail(session, app, reason)
        code = params.get("code")
        if not code:
            return await self._fail(session, app, f"{app.name} sent no authorization code.")
        verifier = self._vault.decrypt(flow.code_verifier, context=state)["v"] if flow.code_verifier else None
        try:
            client = await self._oauth_apps.resolve(session.project_id, app.slug, flow.oauth_app_id)
            credentials, expires_at = await oauth.exchange_code(
                app, client, code=code, redirect_uri=flow.redirect_uri, code_verifier=verifier, egress=self._egress,
            )
        except (OAuthAppError, oauth.OAuthFlowError) as exc:
            return await self._fail(session, app, str(exc))
        assert isinstance(app.auth, OAuth)
        for name in app.auth.redirect_fields:
            if params.get(name):
                credentials[name] = params[name]
        try:
            identity = await self._test(app, credentials)
        except (UpstreamError, ActionError, httpx.HTTPError) as exc:
            return await self._fail(session, app, f"{app.name} did not accept the new credentials: {exc}")
        return await self._save(session, app, credentials, identity=identity, expires_at=expires_at, oauth_app_id=client.id)

    # API keys

    async def save_keys(self, session: ConnectSession, app: App, form: Mapping[str, str]) -> Outcome:
        """Check a key form, test the keys against the app, and save them; form problems raise `ValueError`."""
        assert isinstance(app.auth, Keys)
        credentials: dict[str, Any] = {}
        missing = []
        for field in [*app.auth.fields, *app.custom_fields]:
            value = (form.get(field.name) or "").strip() or field.default
            if value:
                credentials[field.name] = value
            elif not field.optional:
                missing.append(field.label)
        if missing:
            raise ValueError(f"Fill in {', '.join(missing)}.")
        try:
            identity = await self._test(app, credentials)
        except (UpstreamError, ActionError, httpx.HTTPError) as exc:
            # A typo in a key: the user corrects it on the same form.
            raise ValueError(f"{app.name} did not accept these credentials: {exc}") from None
        return await self._save(session, app, credentials, identity=identity, expires_at=None, oauth_app_id=None)

    # Both

    async def _save(
        self,
        session: ConnectSession,
        app: App,
        credentials: dict[str, Any],
        *,
        identity: Identity | None,
        expires_at: Any,
        oauth_app_id: str | None,
    ) -> Outcome:
        try:
            account_id = await self._accounts.add(
                session.project_id,
                session.environment,
                session.external_user_id,
                app.slug,
                credentials,
                name=identity.name if identity else None,
                external_account_id=identity.external_id if identity else None,
                expires_at=expires_at,
                oauth_app_id=oauth_app_id,
                connect_token_hash=session.token_hash,
            )
        except AccountError:
            raise ConnectTokenError(INVALID, status=401) from None
        if session.webhook_uri:
            await self._webhooks.enqueue(
                session.project_id,
                session.webhook_uri,
                {
                    "event": "CONNECTION_SUCCESS",
                    "connect_token": await self._tokens.reveal(session.token_hash),
                    "environment": session.environment,
                    "connect_session_id": session.session_no,
                    "account": await self._account_json(account_id, app),
                },
            )
        logger.info("connected %s account %s for a user of project %s", app.slug, account_id, session.project_id)
        for listener in self.on_connected:
            try:
                await listener(session.project_id, session.environment, session.external_user_id, app.slug)
            except Exception:  # the account is saved; telling the waiting clients is a courtesy
                logger.exception("could not tell waiting clients of the new %s account", app.slug)
        return Outcome(session, app, account_id=account_id)

    async def _fail(self, session: ConnectSession, app: App, reason: str) -> Outcome:
        if session.webhook_uri:
            await self._webhooks.enqueue(
                session.project_id,
                session.webhook_uri,
                {
                    "event": "CONNECTION_ERROR",
                    "connect_token": await self._tokens.reveal(session.token_hash),
                    "environment": session.environment,
                    "connect_session_id": session.session_no,
                    "error": reason,
                },
            )
        logger.info("connecting %s failed for a user of project %s: %s", app.slug, session.project_id, reason)
        return Outcome(session, app, error=reason)

    async def _test(self, app: App, credentials: dict[str, Any]) -> Identity | None:
        if app.test is None:
            return None
        try:
            http: AppHttp | None = AppHttp(
                self._http(), app_name=app.name, headers=app.headers_for(credentials),
                base_url=app.base_url_for(credentials), allowed_domains=app.allowed_domains_for(credentials),
            )
        except KeyError as exc:
            raise ActionError(str(exc.args[0])) from None
        return await app.test(AccountContext(auth=credentials, http=http, egress=self._egress))

    async def _account_json(self, account_id: str, app: App) -> dict[str, Any]:
        async with self._db.session() as s:
            row = await s.scalar(select(Account).where(Account.id == account_id))
        assert row is not None
        return {
            "id": row.id,
            "name": row.name,
            "external_id": row.external_account_id,
            "healthy": row.healthy,
            "dead": row.dead,
            "app": app.to_json(),
            "created_at": _iso(row.created_at),
            "updated_at": _iso(row.updated_at),
        }


def _iso(value: Any) -> str:
    return value.isoformat().replace("+00:00", "Z")

