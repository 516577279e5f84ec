"""The client side of OAuth 2 (authlib): authorization URLs with state and PKCE, the code
exchange, and refresh. Token responses become an account's stored credentials."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl

import httpx
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError as AuthlibOAuthError
from authlib.integrations.httpx_client import AsyncOAuth2Client

from mcp_gateway.catalog.model import App, OAuth
from mcp_gateway.net import EgressDenied, EgressPolicy, http_client, sdk_transport

from .oauth_apps import OAuthClient

try:  # authlib's client sends with httpx2 where it is installed, else with httpx
    import httpx2 as _authlib_http
except ImportError:  # pragma: no cover
    _authlib_http = httpx  # type: ignore[no-redef]
_UNREACHABLE = (httpx.HTTPError, _authlib_http.HTTPError)

# Refresh this long before the provider's expiry, so a token never dies mid-request.
REFRESH_MARGIN = 60.0
_TIMEOUT = 20.0  # seconds; authlib passes it on per request, where httpx wants a number


class OAuthFlowError(Exception):
    """The provider refused or failed; `permanent` when retrying cannot help (a revoked grant)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def new_state() -> str:
    return generate_token(43)


def new_code_verifier() -> str:
    return generate_token(64)  # RFC 7636: 43-128 characters of the unreserved set


def oauth_of(app: App) -> OAuth:
    if not isinstance(app.auth, OAuth):
        raise TypeError(f"{app.slug} does not use OAuth")
    return app.auth


# OpenID Connect discovery documents read, by URL: (authorization endpoint, token endpoint).
_DISCOVERED: dict[str, tuple[str, str]] = {}


async def endpoints(app: App, egress: EgressPolicy = EgressPolicy()) -> OAuth:
    """The app's OAuth settings with both URLs known: an OpenID Connect app's are read from its
    provider's discovery document (through the egress policy) the first time."""
    oauth = oauth_of(app)
    if (oauth.authorize_url and oauth.token_url) or not oauth.discovery_url:
        return oauth
    found = _DISCOVERED.get(oauth.discovery_url)
    if found is None:
        try:
            async with http_client(egress, timeout=_TIMEOUT) as http:
                response = await http.get(oauth.discovery_url)
            response.raise_for_status()
            document = response.json()
            found = (str(document["authorization_endpoint"]), str(document["token_endpoint"]))
        except (httpx.HTTPError, EgressDenied, ValueError, KeyError, TypeError) as exc:
            raise OAuthFlowError(f"cannot read {app.name}'s OpenID Connect discovery document "
                                 f"{oauth.discovery_url}: {type(exc).__name__}: {exc}") from None
        _DISCOVERED[oauth.discovery_url] = found
    return dataclasses.replace(oauth, authorize_url=found[0], token_url=found[1])


def authorization_url(app: App, client: OAuthClient, *, redirect_uri: str, state: str, code_verifier: str | None,
                      oauth: OAuth | None = None) -> str:
    """The provider's sign-in URL; `oauth` is `endpoints(app)` for an app that discovers its URLs."""
    oauth = oauth or oauth_of(app)
    session = _client(oauth, client, redirect_uri=redirect_uri)
    extra: dict[str, Any] = dict(oauth.extra_authorize_params)
    if oauth.scopes:
        extra["scope"] = oauth.scope_separator.join(oauth.scopes)
    url, _ = session.create_authorization_url(
        oauth.authorize_url, state=state, code_verifier=code_verifier if oauth.pkce else None, **extra
    )
    return url


async def exchange_code(
    app: App, client: OAuthClient, *, code: str, redirect_uri: str, code_verifier: str | None, egress: EgressPolicy = EgressPolicy(),
) -> tuple[dict[str, Any], datetime | None]:
    oauth = await endpoints(app, egress)
    kwargs: dict[str, Any] = {**oauth.extra_token_params, "code": code, "grant_type": "authorization_code"}
    if oauth.pkce and code_verifier:
        kwargs["code_verifier"] = code_verifier
    async with _client(oauth, client, redirect_uri=redirect_uri, egress=egress) as session:
        try:
            token = await session.fetch_token(oauth.token_url, **kwargs)
        except AuthlibOAuthError as exc:
            raise OAuthFlowError(f"{app.name} refused the authorization code: {_describe(exc)}") from None
        except _UNREACHABLE as exc:
            raise OAuthFlowError(f"could not reach {app.name}'s token endpoint: {type(exc).__name__}") from None
        except EgressDenied as exc:
            raise OAuthFlowError(f"{app.name}'s token endpoint is not one this gateway may call: {exc}", permanent=True) from None
    return credentials_from(oauth, token)


async def refresh(
    app: App, client: OAuthClient, credentials: Mapping[str, Any], *, egress: EgressPolicy = EgressPolicy(),
) -> tuple[dict[str, Any], datetime | None]:
    """New credentials from the refresh token; keeps the old refresh token if the provider sends none."""
    oauth = await endpoints(app, egress)
    refresh_token = credentials.get("oauth_refresh_token")
    if not refresh_token:
        raise OAuthFlowError(f"the {app.name} account has no refresh token; the user must reconnect it", permanent=True)
    async with _client(oauth, client, egress=egress) as session:
        try:
            extra = oauth.extra_token_params if oauth.extra_refresh_params is None else oauth.extra_refresh_params
            token = await session.refresh_token(oauth.token_url, refresh_token=refresh_token, **extra)
        except AuthlibOAuthError as exc:
            permanent = exc.error in ("invalid_grant", "invalid_client", "unauthorized_client")
            raise OAuthFlowError(f"{app.name} refused to refresh the token: {_describe(exc)}", permanent=permanent) from None
        except _UNREACHABLE as exc:
            raise OAuthFlowError(f"could not reach {app.name}'s token endpoint: {type(exc).__name__}") from None
        except EgressDenied as exc:
            raise OAuthFlowError(f"{app.name}'s token endpoint is not one this gateway may call: {exc}", permanent=True) from None
    fresh, expires_at = credentials_from(oauth, token)
    # Custom fields and anything else the account held stay; the token fields are replaced.
    merged = {k: v for k, v in credentials.items() if not k.startswith("oauth_")}
    merged.update(fresh)
    if not merged.get("oauth_refresh_token"):
        merged["oauth_refresh_token"] = refresh_token
    return merged, expires_at


def credentials_from(oauth: OAuth, token: Mapping[str, Any]) -> tuple[dict[str, Any], datetime | None]:
    raw = dict(oauth.read_token(token)) if oauth.read_token else dict(token)
    access = raw.get("access_token")
    if not access:
        raise OAuthFlowError("the provider's token response has no access token")
    creds: dict[str, Any] = {"oauth_access_token": access}
    if raw.get("refresh_token"):
        creds["oauth_refresh_token"] = raw["refresh_token"]
    if raw.get("token_type"):
        creds["oauth_token_type"] = raw["token_type"]
    if raw.get("scope"):
        creds["oauth_scope"] = raw["scope"]
    for name in oauth.token_fields:
        if raw.get(name):
            creds[name] = raw[name]
    expires_at: datetime | None = None
    expires_in = raw.get("expires_in")
    if isinstance(expires_in, (int, float)) or (isinstance(expires_in, str) and expires_in.isdigit()):
        epoch = time.time() + float(expires_in)
        creds["oauth_expires_at"] = epoch
        expires_at = datetime.fromtimestamp(epoch, timezone.utc)
    return creds, expires_at


def needs_refresh(credentials: Mapping[str, Any], *, margin: float = REFRESH_MARGIN) -> bool:
    expires = credentials.get("oauth_expires_at")
    return isinstance(expires, (int, float)) and bool(credentials.get("oauth_refresh_token")) and expires - margin <= time.time()


class _TokenClient(AsyncOAuth2Client):
    """authlib's client, able to send the token request body as JSON (Notion, Atlassian)."""

    def __init__(self, *args: Any, json_body: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._json_body = json_body

    async def post(self, url: Any, *, data: Any = None, headers: Any = None, **kwargs: Any) -> Any:  # type: ignore[override]
        if self._json_body and data is not None:
            body = dict(parse_qsl(data, keep_blank_values=True)) if isinstance(data, str) else dict(data)
            if self.token_endpoint_auth_method == "client_secret_post":
                # authlib would append the client's credentials as form fields to the JSON:
                # they go into the JSON object instead, and authlib's own client auth is skipped.
                body.update(client_id=self.client_id, client_secret=self.client_secret)
                kwargs["auth"] = None
            headers = {**(headers or {}), "Content-Type": "application/json"}
            return await super().post(url, json=body, headers=headers, **kwargs)
        return await super().post(url, data=data, headers=headers, **kwargs)


def _client(
    oauth: OAuth, client: OAuthClient, *, redirect_uri: str | None = None, egress: EgressPolicy = EgressPolicy(),
) -> _TokenClient:
    return _TokenClient(
        transport=sdk_transport(egress),
        client_id=client.client_id,
        client_secret=client.client_secret,
        token_endpoint_auth_method=oauth.token_auth_method,
        redirect_uri=redirect_uri,
        code_challenge_method="S256" if oauth.pkce else None,
        timeout=_TIMEOUT,
        json_body=oauth.token_body == "json",
    )


def _describe(exc: AuthlibOAuthError) -> str:
    return f"{exc.error}: {exc.description}" if exc.description else str(exc.error)
