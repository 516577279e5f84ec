"""OAuth clients registered with providers: the operator's default per app, and projects' own."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import OAUTH_APP, new_id
from mcp_gateway.store.lengths import check_length
from mcp_gateway.store.models import OAuthApp

from .vault import Vault


# Where providers send users back; registered with the provider as the client's redirect URI.
CALLBACK_PATH = "/connect/oauth/callback"


class OAuthAppError(Exception):
    """No usable OAuth client; the message says what to configure."""


class OAuthClientMissing(OAuthAppError):
    """No OAuth client is configured for an app: nobody can connect it until the operator adds one."""

    def __init__(self, app_slug: str, base_url: str | None = None) -> None:
        redirect_uri = f"{base_url.rstrip('/') if base_url else '<public URL>'}{CALLBACK_PATH}"
        super().__init__(
            f"no OAuth client is configured for {app_slug}; the operator registers one at the provider with the "
            f"redirect URI {redirect_uri} and adds it with `{add_command(app_slug)}`, its id and secret in those variables"
        )


def add_command(app_slug: str) -> str:
    """The command line that makes a client the operator's default for `app_slug` (the secret on stdin)."""
    return f'echo "$CLIENT_SECRET" | mcp-gateway oauth-apps add --app {shlex.quote(app_slug)} --client-id "$CLIENT_ID"'


@dataclass(frozen=True, slots=True)
class OAuthClient:
    id: str
    app_slug: str
    project_id: str | None
    name: str | None
    client_id: str
    client_secret: str = ""

    def __repr__(self) -> str:  # keep the secret out of logs and tracebacks
        return f"OAuthClient({self.id!r}, app={self.app_slug!r}, project={self.project_id!r})"


@dataclass(frozen=True, slots=True)
class OAuthAppInfo:
    id: str
    app_slug: str
    project_id: str | None
    name: str | None
    client_id: str
    created_at: datetime


class OAuthApps:
    def __init__(self, db: Database, vault: Vault) -> None:
        self._db = db
        self._vault = vault

    async def add(
        self, app_slug: str, client_id: str, client_secret: str, *, project_id: str | None = None, name: str | None = None
    ) -> str:
        if not client_id.strip() or not client_secret.strip():
            raise OAuthAppError("an OAuth client needs both its client id and its client secret")
        check_length("client_id", client_id.strip(), OAuthApp.client_id)
        check_length("name", name, OAuthApp.name)
        oauth_app_id = new_id(OAUTH_APP)
        async with self._db.session() as s, s.begin():
            s.add(
                OAuthApp(
                    id=oauth_app_id,
                    project_id=project_id,
                    app_slug=app_slug,
                    name=name,
                    client_id=client_id.strip(),
                    client_secret=self._vault.encrypt({"client_secret": client_secret.strip()}, context=oauth_app_id),
                )
            )
        return oauth_app_id

    async def list(self, *, project_id: str | None = None, app_slug: str | None = None) -> list[OAuthAppInfo]:
        """The operator's clients, plus the project's own when `project_id` is given."""
        query = select(OAuthApp).order_by(OAuthApp.created_at)
        query = query.where(or_(OAuthApp.project_id.is_(None), OAuthApp.project_id == project_id)) if project_id else query.where(OAuthApp.project_id.is_(None))
        if app_slug:
            query = query.where(OAuthApp.app_slug == app_slug)
        async with self._db.session() as s:
            rows = (await s.scalars(query)).all()
        return [OAuthAppInfo(r.id, r.app_slug, r.project_id, r.name, r.client_id, r.created_at) for r in rows]

    async def defaults(self) -> dict[str, str]:
        """The operator's default client of each app that has one: the newest, as `resolve` picks it."""
        return {info.app_slug: info.id for info in await self.list()}  # listed oldest first

    async def resolve(self, project_id: str, app_slug: str, oauth_app_id: str | None = None) -> OAuthClient:
        """The client to connect `app_slug` with: the one asked for, or the operator's newest default."""
        row = await self._row(project_id, app_slug, oauth_app_id)
        secret = self._vault.decrypt(row.client_secret, context=row.id)["client_secret"]
        return OAuthClient(row.id, row.app_slug, row.project_id, row.name, row.client_id, secret)

    async def check(self, project_id: str, app_slug: str, oauth_app_id: str | None = None, *, base_url: str | None = None) -> None:
        """Raise as `resolve` would when it finds no client, without decrypting one; `base_url` names the
        redirect URI to register in the message."""
        await self._row(project_id, app_slug, oauth_app_id, base_url)

    async def _row(self, project_id: str, app_slug: str, oauth_app_id: str | None, base_url: str | None = None) -> OAuthApp:
        async with self._db.session() as s:
            if oauth_app_id:
                row = await s.get(OAuthApp, oauth_app_id)
                if row is None or row.app_slug != app_slug or row.project_id not in (None, project_id):
                    raise OAuthAppError(f"OAuth client {oauth_app_id} does not exist for {app_slug} in this project")
                return row
            # A project's own clients are used only where a token or link names them.
            row = await s.scalar(
                select(OAuthApp)
                .where(OAuthApp.app_slug == app_slug, OAuthApp.project_id.is_(None))
                .order_by(OAuthApp.created_at.desc())
                .limit(1)
            )
        if row is None:
            raise OAuthClientMissing(app_slug, base_url)
        return row
