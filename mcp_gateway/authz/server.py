"""The gateway as an OAuth 2.1 authorization server for MCP clients (the MCP authorization
spec of 2025-06-18, 2025-11-25 and 2026-07-28).

A client sends the end user to `/authorize` (PKCE S256 required, `resource` naming this
gateway, RFC 8707). The user signs in at the operator's OpenID Connect provider, and consents on
the gateway's own page, where they may also connect accounts. The client gets a code (with
`iss`, RFC 9207), exchanges it once at `/token`, and receives an access token bound to this
gateway's origin and to the user's project, environment and external user id, plus a refresh
token that rotates. Tokens, codes and refresh tokens are kept only as SHA-256 hashes.

Upstream credentials never leave the vault: a token here reaches the gateway's tools, never
the accounts' own tokens.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from sqlalchemy import select, update

from mcp_gateway.config import EndUserSignIn
from mcp_gateway.connect.developer_auth import AuthError, Principal, hash_secret
from mcp_gateway.connect.vault import Vault
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import AuthzRequest, AuthzToken

from .clients import Client, ClientError, Clients
from .signin import SignIn, SignInError

ACCESS_PREFIX, REFRESH_PREFIX = "mga_", "mgr_"
CALLBACK_PATH = "/oauth/callback"
CONSENT_PATH = "/consent"
REQUEST_TTL = timedelta(minutes=15)  # from /authorize to consent
CODE_TTL = timedelta(minutes=2)
ACCESS_TTL = timedelta(hours=1)
REFRESH_TTL = timedelta(days=30)
SCOPES = ("mcp",)
_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")  # RFC 7636 §4.1


class AuthzError(Exception):
    """An OAuth error. With `redirect`, it is sent back to the client's redirect URI; without,
    it is shown to the person at the browser (the redirect URI itself could not be trusted)."""

    def __init__(self, error: str, description: str, *, redirect: str | None = None, state: str | None = None,
                 status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.redirect = redirect
        self.state = state
        self.status = status


@dataclass(frozen=True, slots=True)
class PendingConsent:
    """What the consent page shows: who asks, for whom, for which apps."""

    request_id: str
    client: Client
    project_id: str
    environment: str
    external_user_id: str
    apps: tuple[str, ...] | None  # None: whatever apps the agent discovers
    redirect_host: str


def _family(request_hash: str) -> str:
    """The family of the tokens one authorization request gives: its hash's last 40 characters,
    so a replayed code can revoke them without another column."""
    return request_hash[-40:]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def resource_apps(resource: str) -> tuple[str, ...] | None:
    """The apps a resource URL names: `/{user}/{app}`, `/v1/{user}/{app}`, or `?app=a,b`."""
    parts = urlsplit(resource)
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0] == "v1":
        segments = segments[1:]
    if len(segments) == 2 and segments[0] != "mcp":
        return (segments[1],)
    query = dict(parse_qsl(parts.query))
    apps = tuple(a.strip() for a in (query.get("app") or "").split(",") if a.strip())
    return apps or None


class AuthorizationServer:
    def __init__(self, db: Database, vault: Vault, clients: Clients, signin: SignIn | None) -> None:
        self._db = db
        self._vault = vault
        self.clients = clients
        self.signin = signin

    @property
    def config(self) -> EndUserSignIn | None:
        return self.signin.config if self.signin is not None else None

    # Metadata

    def metadata(self, issuer: str) -> dict[str, object]:
        """RFC 8414 authorization server metadata (also served as `openid-configuration`)."""
        return {
            "issuer": issuer,
            "authorization_endpoint": issuer + "/authorize",
            "token_endpoint": issuer + "/token",
            "registration_endpoint": issuer + "/register",
            "revocation_endpoint": issuer + "/revoke",
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
            "revocation_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
            "scopes_supported": list(SCOPES),
            "authorization_response_iss_parameter_supported": True,
            "client_id_metadata_document_supported": True,
        }

    def resource_metadata(self, issuer: str, resource: str) -> dict[str, object]:
        """RFC 9728 protected resource metadata for one of the gateway's MCP URLs."""
        return {
            "resource": resource,
            "authorization_servers": [issuer],
            "bearer_methods_supported": ["header"],
            "scopes_supported": list(SCOPES),
            "resource_name": "mcp-gateway",
        }

    # Authorization

    async def begin(self, params: Mapping[str, str], issuer: str) -> str:
        """Check an authorization request and return where the browser signs in."""
        if self.signin is None:
            raise AuthzError("temporarily_unavailable", "end-user sign-in is not configured on this gateway: its operator "
                             "sets MCP_GATEWAY_AUTH_ISSUER, MCP_GATEWAY_AUTH_CLIENT_ID, MCP_GATEWAY_AUTH_CLIENT_SECRET "
                             "and MCP_GATEWAY_AUTH_PROJECT_ID", status=404)
        client_id = params.get("client_id")
        if not client_id:
            raise AuthzError("invalid_request", "client_id is required")
        try:
            client = await self.clients.find(client_id)
            redirect_uri = client.check_redirect(params.get("redirect_uri"))
        except ClientError as exc:
            raise AuthzError(exc.error, exc.description) from None
        state = params.get("state")

        def refuse(error: str, description: str) -> AuthzError:
            return AuthzError(error, description, redirect=redirect_uri, state=state)

        if params.get("response_type") != "code":
            raise refuse("unsupported_response_type", "response_type must be code")
        challenge = params.get("code_challenge")
        if not challenge:
            raise refuse("invalid_request", "code_challenge is required: PKCE with S256")
        if params.get("code_challenge_method") != "S256":
            raise refuse("invalid_request", "code_challenge_method must be S256")
        if len(challenge) > 128:
            raise refuse("invalid_request", "code_challenge is longer than an S256 challenge")
        resource = params.get("resource") or issuer + "/mcp"
        if origin(resource) != origin(issuer) or urlsplit(resource).fragment:
            raise refuse("invalid_target", f"resource {resource!r} is not served by this gateway ({issuer})")
        scope = params.get("scope")
        if scope and not set(scope.split()) <= set(SCOPES):
            raise refuse("invalid_scope", f"scope may hold {', '.join(SCOPES)} only")
        if state is not None and len(state) > 2000:
            raise refuse("invalid_request", "state is longer than 2,000 characters")
        request_id = secrets.token_urlsafe(32)
        nonce, verifier = SignIn.new_secrets()
        async with self._db.session() as s, s.begin():
            s.add(AuthzRequest(
                id=hash_secret(request_id), client_id=client.client_id, redirect_uri=redirect_uri, state=state,
                code_challenge=challenge, resource=resource, scope=scope, apps=list(resource_apps(resource) or []) or None,
                signin_nonce=nonce, signin_verifier=self._vault.encrypt({"verifier": verifier}, context="authz-signin"),
                expires_at=_now() + REQUEST_TTL,
            ))
        try:
            return await self.signin.authorization_url(redirect_uri=issuer + CALLBACK_PATH, state=request_id,
                                                       nonce=nonce, verifier=verifier)
        except SignInError as exc:
            raise AuthzError("temporarily_unavailable", str(exc), redirect=redirect_uri, state=state) from None

    async def signed_in(self, state: str, code: str, issuer: str) -> tuple[str, str]:
        """The provider's answer: the user is known now. Returns the request id and a secret the
        browser keeps (a cookie), without which no one can consent in its place."""
        assert self.signin is not None
        request = await self._request(state)
        if request.external_user_id is not None:
            raise AuthzError("invalid_request", "this sign-in has been used already; start again from your MCP client")
        verifier = str(self._vault.decrypt(request.signin_verifier or "", context="authz-signin")["verifier"])
        try:
            user = await self.signin.user_id(code=code, redirect_uri=issuer + CALLBACK_PATH,
                                             nonce=request.signin_nonce or "", verifier=verifier)
        except SignInError as exc:
            raise AuthzError("access_denied", str(exc), redirect=request.redirect_uri, state=request.state) from None
        browser = secrets.token_urlsafe(32)
        async with self._db.session() as s, s.begin():
            await s.execute(update(AuthzRequest).where(AuthzRequest.id == hash_secret(state)).values(
                external_user_id=user, browser_hash=hash_secret(browser), signin_verifier=None, signin_nonce=None))
        return state, browser

    async def pending(self, request_id: str, browser: str | None) -> PendingConsent:
        request = await self._awaiting_consent(request_id, browser)
        assert self.config is not None and request.external_user_id is not None
        client = await self.clients.find(request.client_id)
        return PendingConsent(
            request_id=request_id, client=client, project_id=self.config.project_id, environment=self.config.environment,
            external_user_id=request.external_user_id, apps=tuple(request.apps) if request.apps else None,
            redirect_host=urlsplit(request.redirect_uri).netloc or request.redirect_uri,
        )

    async def decide(self, request_id: str, browser: str | None, *, approve: bool, issuer: str) -> str:
        """The user's answer, as the URL the browser goes back to the client with. Either answer
        ends the request: a declined one cannot be allowed later."""
        request = await self._awaiting_consent(request_id, browser)
        code = secrets.token_urlsafe(32)
        # Declined, the request keeps a code no one holds and expires now.
        ends = _now() + CODE_TTL if approve else _now()
        async with self._db.session() as s, s.begin():
            done = await s.execute(update(AuthzRequest).where(
                AuthzRequest.id == hash_secret(request_id), AuthzRequest.code_hash.is_(None)
            ).values(code_hash=hash_secret(code), expires_at=ends))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise AuthzError("invalid_request", "this request has been answered already")
        answer = {"code": code} if approve else {"error": "access_denied", "error_description": "the user declined"}
        return redirect_with(request.redirect_uri, {**answer, **({"state": request.state} if request.state else {}),
                                                    "iss": issuer})

    async def _awaiting_consent(self, request_id: str, browser: str | None) -> AuthzRequest:
        """The request, signed in by this browser (its cookie) and not yet answered."""
        request = await self._request(request_id)
        if request.external_user_id is None or browser is None or request.browser_hash is None \
                or not hmac.compare_digest(request.browser_hash, hash_secret(browser)):
            raise AuthzError("access_denied", "this consent page belongs to the browser that signed in; start again "
                                              "from your MCP client", status=403)
        if request.code_hash is not None:
            raise AuthzError("invalid_request", "this request has been answered already; start again from your MCP client")
        return request

    async def _request(self, request_id: str) -> AuthzRequest:
        async with self._db.session() as s:
            request = await s.get(AuthzRequest, hash_secret(request_id))
        if request is None or request.expires_at <= _now():
            raise AuthzError("invalid_request", "this authorization request is unknown or expired; start again from "
                                                "your MCP client")
        return request

    # Tokens

    async def token(self, form: Mapping[str, str], client_auth: tuple[str, str] | None, issuer: str) -> dict[str, object]:
        grant = form.get("grant_type")
        client = await self._token_client(form, client_auth)
        if grant == "authorization_code":
            return await self._exchange_code(client, form, issuer)
        if grant == "refresh_token":
            return await self._refresh(client, form)
        raise AuthzError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token")

    async def _token_client(self, form: Mapping[str, str], client_auth: tuple[str, str] | None) -> Client:
        client_id, secret = client_auth or (form.get("client_id"), form.get("client_secret"))
        if not client_id:
            raise AuthzError("invalid_client", "client_id is required", status=401)
        try:
            client = await self.clients.find(client_id)
        except ClientError as exc:
            raise AuthzError("invalid_client", exc.description, status=401) from None
        if client.secret_hash is not None and not client.secret_matches(secret):
            raise AuthzError("invalid_client", "client authentication failed: wrong or missing client_secret", status=401)
        return client

    async def _exchange_code(self, client: Client, form: Mapping[str, str], issuer: str) -> dict[str, object]:
        code, verifier = form.get("code"), form.get("code_verifier")
        if not code:
            raise AuthzError("invalid_request", "code is required")
        if not verifier or not _VERIFIER.match(verifier):
            raise AuthzError("invalid_request", "code_verifier is required: 43 to 128 characters of [A-Za-z0-9-._~]")
        async with self._db.session() as s, s.begin():
            request = (await s.execute(select(AuthzRequest).where(AuthzRequest.code_hash == hash_secret(code)))).scalar_one_or_none()
            if request is None:
                raise AuthzError("invalid_grant", "the authorization code is unknown")
            replayed = request.code_used_at is not None
            if replayed:
                # A code used twice was intercepted: what it gave is taken back (RFC 6749 §4.1.2).
                await s.execute(update(AuthzToken).where(AuthzToken.family == _family(request.id)).values(revoked_at=_now()))
            else:
                request.code_used_at = _now()
        if replayed:  # raised once the revocation is committed
            raise AuthzError("invalid_grant", "the authorization code has been used already; the tokens it gave are revoked")
        if request.expires_at <= _now():
            raise AuthzError("invalid_grant", "the authorization code has expired; start the authorization again")
        if request.client_id != client.client_id:
            raise AuthzError("invalid_grant", "the authorization code was issued to another client")
        if form.get("redirect_uri") not in (None, request.redirect_uri):
            raise AuthzError("invalid_grant", "redirect_uri differs from the one the code was issued for")
        if not hmac.compare_digest(create_s256_code_challenge(verifier), request.code_challenge):
            raise AuthzError("invalid_grant", "code_verifier does not match the code_challenge (PKCE)")
        resource = form.get("resource") or request.resource
        if resource != request.resource and origin(resource) != origin(request.resource):
            raise AuthzError("invalid_target", f"resource {resource!r} is not the one this code was issued for")
        assert self.config is not None and request.external_user_id is not None
        return await self._issue(
            family=_family(request.id), client_id=client.client_id, external_user_id=request.external_user_id,
            apps=request.apps, resource=request.resource, scope=request.scope,
        )

    async def _refresh(self, client: Client, form: Mapping[str, str]) -> dict[str, object]:
        token = form.get("refresh_token") or ""
        async with self._db.session() as s, s.begin():
            row = await s.get(AuthzToken, hash_secret(token))
            if row is None or row.kind != "refresh" or row.client_id != client.client_id:
                raise AuthzError("invalid_grant", "the refresh token is unknown to this client")
            if row.revoked_at is not None or row.expires_at <= _now():
                raise AuthzError("invalid_grant", "the refresh token is revoked or expired; sign in again")
            replayed = row.replaced_at is not None
            if replayed:
                # A rotated refresh token came back: someone holds a copy. End the whole family.
                await s.execute(update(AuthzToken).where(AuthzToken.family == row.family).values(revoked_at=_now()))
            else:
                row.replaced_at = _now()
            kept = (row.family, row.external_user_id, row.apps, row.resource, row.scope)
        if replayed:  # raised once the revocation is committed
            raise AuthzError("invalid_grant", "the refresh token has been used already; every token of this sign-in "
                                              "is revoked, sign in again")
        family, user, apps, resource, scope = kept
        return await self._issue(family=family, client_id=client.client_id, external_user_id=user, apps=apps,
                                 resource=resource, scope=scope)

    async def _issue(self, *, family: str, client_id: str, external_user_id: str, apps: list[str] | None, resource: str,
                     scope: str | None) -> dict[str, object]:
        assert self.config is not None
        access, refresh = ACCESS_PREFIX + secrets.token_urlsafe(32), REFRESH_PREFIX + secrets.token_urlsafe(32)
        now = _now()
        common = dict(family=family, client_id=client_id, project_id=self.config.project_id,
                      environment=self.config.environment, external_user_id=external_user_id, apps=apps,
                      resource=resource, scope=scope)
        async with self._db.session() as s, s.begin():
            s.add(AuthzToken(token_hash=hash_secret(access), kind="access", expires_at=now + ACCESS_TTL, **common))
            s.add(AuthzToken(token_hash=hash_secret(refresh), kind="refresh", expires_at=now + REFRESH_TTL, **common))
        return {"access_token": access, "token_type": "Bearer", "expires_in": int(ACCESS_TTL.total_seconds()),
                "refresh_token": refresh, "scope": scope or " ".join(SCOPES)}

    async def revoke(self, form: Mapping[str, str], client_auth: tuple[str, str] | None) -> None:
        """RFC 7009: end a token (a refresh token ends its whole family); unknown tokens are no error."""
        client = await self._token_client(form, client_auth)
        token = form.get("token")
        if not token:
            raise AuthzError("invalid_request", "token is required")
        async with self._db.session() as s, s.begin():
            row = await s.get(AuthzToken, hash_secret(token))
            if row is None or row.client_id != client.client_id:
                return
            if row.kind == "refresh":
                await s.execute(update(AuthzToken).where(AuthzToken.family == row.family).values(revoked_at=_now()))
            else:
                row.revoked_at = _now()

    async def principal(self, token: str, issuer: str) -> Principal:
        """The end user an access token speaks for, if it was issued for this gateway."""
        async with self._db.session() as s:
            row = await s.get(AuthzToken, hash_secret(token))
        if row is None or row.kind != "access":
            raise AuthError("invalid access token: not one this gateway issued")
        if row.revoked_at is not None:
            raise AuthError("access token revoked; sign in again from your MCP client")
        if row.expires_at <= _now():
            raise AuthError("access token expired; refresh it at /token")
        if origin(row.resource) != origin(issuer):
            raise AuthError(f"this access token is for {origin(row.resource)}, not this gateway ({origin(issuer)})")
        return Principal(project_id=row.project_id, client_id=row.family, expires_at=row.expires_at.timestamp(),
                         environment=row.environment, external_user_id=row.external_user_id,
                         apps=tuple(row.apps) if row.apps else None)


def redirect_with(uri: str, params: Mapping[str, str]) -> str:
    return f"{uri}{'&' if urlsplit(uri).query else '?'}{urlencode(params)}"
