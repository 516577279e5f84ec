"""Connect tokens: short-lived, single-use permission for one end user to connect an account.

Tokens are looked up by their SHA-256; the token itself is kept only in the vault, to
name it in webhooks.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import CONNECT_TOKEN
from mcp_gateway.store.lengths import check_length
from mcp_gateway.store.models import ConnectToken, utcnow

from .accounts import AccountError, check_external_user_id
from .vault import Vault

MAX_TTL = 4 * 3600
# As long as the columns keeping them: a longer value would not fit (PostgreSQL refuses it).
MAX_URL = ConnectToken.__table__.c.webhook_uri.type.length
MAX_SCOPE = ConnectToken.__table__.c.scope.type.length
CONNECT_PAGE = "/_static/connect.html"

# What the end user reads when a link cannot be used (the hosted product's wording).
EXPIRED = "This link has expired. Please request a new one from the app developer."
INVALID = "The Connect token is invalid. Please generate a new one and try again."
APP_NOT_FOUND = "App not found. Please check your app id."


class ConnectTokenError(Exception):
    """A token cannot be created or used; the message says why."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    expires_at: datetime
    connect_link_url: str


@dataclass(frozen=True, slots=True)
class ConnectSession:
    """A valid, unused token and everything it was created with."""

    token_hash: str
    session_no: int
    project_id: str
    environment: str
    external_user_id: str
    app_slug: str | None
    oauth_app_id: str | None
    success_redirect_uri: str | None
    error_redirect_uri: str | None
    webhook_uri: str | None
    allowed_origins: tuple[str, ...]
    expires_at: datetime


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def connect_link_url(base_url: str, token: str, app_slug: str | None = None, oauth_app_id: str | None = None) -> str:
    query = {"token": token, "connectLink": "true"}
    if app_slug:
        query["app"] = app_slug
    if oauth_app_id:
        query["oauthAppId"] = oauth_app_id
    return f"{base_url.rstrip('/')}{CONNECT_PAGE}?{urlencode(query)}"


def _check_url(name: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) > MAX_URL:
        raise ConnectTokenError(f"{name} is {len(value)} characters long; the limit is {MAX_URL}")
    if (not isinstance(value, str) or "\x00" in value or urlsplit(value).scheme not in ("http", "https")
            or not urlsplit(value).netloc):
        raise ConnectTokenError(f"{name} must be an absolute http(s) URL, not {value!r}")
    return value


def _check_origins(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConnectTokenError("allowed_origins must be a list of origins such as \"https://app.example.com\"")
    for origin in value:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise ConnectTokenError(f"allowed_origins: {origin!r} is not an origin (scheme://host[:port])")
    return tuple(v.rstrip("/") for v in value)


class ConnectTokens:
    def __init__(self, db: Database, vault: Vault) -> None:
        self._db = db
        self._vault = vault

    async def create(
        self,
        project_id: str,
        environment: str,
        external_user_id: object,
        *,
        base_url: str,
        expires_in: object = None,
        success_redirect_uri: object = None,
        error_redirect_uri: object = None,
        webhook_uri: object = None,
        allowed_origins: object = None,
        app_slug: str | None = None,
        oauth_app_id: str | None = None,
        scope: object = None,
    ) -> IssuedToken:
        """Issue a token; every argument is checked and a bad one named in the error."""
        if not isinstance(external_user_id, str):
            raise ConnectTokenError("external_user_id is required: your end user's id, a string")
        try:
            check_external_user_id(external_user_id)
        except AccountError as exc:
            raise ConnectTokenError(str(exc)) from None
        ttl = MAX_TTL if expires_in is None else expires_in
        if not isinstance(ttl, int) or isinstance(ttl, bool) or not 1 <= ttl <= MAX_TTL:
            raise ConnectTokenError(f"expires_in must be a whole number of seconds from 1 to {MAX_TTL} (4 hours), not {ttl!r}")
        if scope is not None and (not isinstance(scope, str) or "\x00" in scope):
            raise ConnectTokenError("scope must be a string of space-separated scopes")
        if scope is not None and len(scope) > MAX_SCOPE:
            raise ConnectTokenError(f"scope is {len(scope)} characters long; the limit is {MAX_SCOPE}")
        check_length("oauth_app_id", oauth_app_id, ConnectToken.oauth_app_id)
        fields = dict(
            project_id=project_id,
            environment=environment,
            external_user_id=external_user_id,
            app_slug=app_slug,
            oauth_app_id=oauth_app_id,
            success_redirect_uri=_check_url("success_redirect_uri", success_redirect_uri),
            error_redirect_uri=_check_url("error_redirect_uri", error_redirect_uri),
            webhook_uri=_check_url("webhook_uri", webhook_uri),
            allowed_origins=list(_check_origins(allowed_origins)) or None,
            scope=scope,
            expires_at=utcnow() + timedelta(seconds=ttl),
        )
        for _ in range(3):  # a drawn session number may collide; draw again
            token = CONNECT_TOKEN + secrets.token_urlsafe(24)
            token_hash = hash_token(token)
            row = ConnectToken(
                token_hash=token_hash,
                sealed_token=self._vault.encrypt({"token": token}, context=token_hash),
                session_no=secrets.randbelow(2**52) + 1,
                **fields,
            )
            try:
                async with self._db.session() as s, s.begin():
                    s.add(row)
                break
            except IntegrityError:
                continue
        else:
            raise RuntimeError("could not allocate a connect session number")
        return IssuedToken(token, row.expires_at, connect_link_url(base_url, token, app_slug, oauth_app_id))

    async def open(self, token: str | None) -> ConnectSession:
        """The session a token grants, or `ConnectTokenError` with the message to show the user."""
        if not token:
            raise ConnectTokenError(INVALID, status=401)
        session = await self.by_hash(hash_token(token))
        if session.expires_at <= utcnow():
            raise ConnectTokenError(EXPIRED, status=401)
        return session

    async def by_hash(self, token_hash: str) -> ConnectSession:
        """An unused token's session, expired or not (a flow begun in time may finish late)."""
        async with self._db.session() as s:
            row = await s.get(ConnectToken, token_hash)
        if row is None or row.used_at is not None:
            raise ConnectTokenError(INVALID, status=401)
        return ConnectSession(
            token_hash=row.token_hash,
            session_no=row.session_no,
            project_id=row.project_id,
            environment=row.environment,
            external_user_id=row.external_user_id,
            app_slug=row.app_slug,
            oauth_app_id=row.oauth_app_id,
            success_redirect_uri=row.success_redirect_uri,
            error_redirect_uri=row.error_redirect_uri,
            webhook_uri=row.webhook_uri,
            allowed_origins=tuple(row.allowed_origins or ()),
            expires_at=row.expires_at,
        )

    async def reveal(self, token_hash: str) -> str:
        async with self._db.session() as s:
            sealed = await s.scalar(select(ConnectToken.sealed_token).where(ConnectToken.token_hash == token_hash))
        if sealed is None:
            raise ConnectTokenError(INVALID, status=401)
        return str(self._vault.decrypt(sealed, context=token_hash)["token"])


def origins_allow(session: ConnectSession, origin: str | None) -> bool:
    return origin is not None and origin.rstrip("/") in session.allowed_origins
