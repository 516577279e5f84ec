"""The Connect API proxy: `/v1/connect/{project_id}/proxy/{url_64}` sends one request to an app's
API with an end user's connected account applied, and hands the upstream's answer back as it was.

The target is URL-safe base64, padded or not. A relative target is resolved against the
account's base URL the way a link is (RFC 3986): `/api/x` from the host's root, `x` below the
base URL's path; placeholders such as `{{custom_fields.subdomain}}` in the base URL are filled
from the account (dynamic domains). A full URL must be on the base URL's host or one of the
app's allowed domains; `example.com` admits its subdomains too, `*.example.com` only them.

Headers named `x-pd-proxy-<name>` go upstream as `<name>`, over the app's own headers, so a
caller can ask GitHub for another `Accept`; the request's Content-Type goes with its body.
Redirects come back to the caller instead of being followed, so credentials only ever go to
hosts checked here.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import httpx
from pydantic import BaseModel, Field
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response

from mcp_gateway.catalog.http import on_domain
from mcp_gateway.catalog.model import App
from mcp_gateway.connect.accounts import AccountError, ResolvedAccount
from mcp_gateway.connect.credentials import AccountUnhealthy, RefreshUnavailable
from mcp_gateway.net import EgressDenied
from mcp_gateway.runtime.engine import shared_http_client

from .rest import Api, ApiError, Call

if TYPE_CHECKING:
    from mcp_gateway.gateway import Gateway

logger = logging.getLogger(__name__)

PATH = "/v1/connect/{project_id}/proxy/{url_64}"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
FORWARD_PREFIX = "x-pd-proxy-"
# Headers a caller may not have sent upstream (the hosted product's list), and name prefixes.
RESTRICTED_HEADERS = frozenset({
    "accept-encoding", "access-control-request-headers", "access-control-request-method", "connection",
    "content-length", "cookie", "date", "dnt", "expect", "host", "keep-alive", "origin", "permissions-policy",
    "referer", "te", "trailer", "transfer-encoding", "upgrade", "via", "note",
})
RESTRICTED_PREFIXES = ("proxy-", "sec-")
# Hop-by-hop headers describe one connection, not the message (RFC 9110 §7.6.1).
_HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade",
})
# Also not passed back: httpx hands the body over decoded, so its encoding and length no longer
# hold, and the gateway's own server writes Date and Server.
_NOT_PASSED_BACK = _HOP_BY_HOP | {"content-encoding", "content-length", "date", "server"}


class ProxyQuery(BaseModel):
    external_user_id: str = Field(min_length=1, description="The end user on whose behalf the request is sent")
    account_id: str = Field(min_length=1, description="The user's connected account (apn_...) whose credentials to apply")


def decode_target(url_64: str) -> str:
    """The URL or path a caller encoded in the request path."""
    try:
        target = base64.b64decode(url_64 + "=" * (-len(url_64) % 4), altchars=b"-_", validate=True).decode()
    except (ValueError, binascii.Error):  # UnicodeDecodeError is a ValueError
        raise ApiError(400, "the target URL must be URL-safe base64 of a URL or path, e.g. aHR0cHM6Ly9hcGkuZ2l0aHViLmNvbS91c2Vy") from None
    if not target.strip() or not target.isprintable():
        raise ApiError(400, f"the target URL {target!r} is empty or has control characters")
    return target


def forwarded_headers(headers: Headers, *, content_type: bool) -> httpx.Headers:
    """`x-pd-proxy-<name>` headers as `<name>` (and Content-Type, if asked and not among them);
    400 naming any the upstream may not get."""
    forwarded: list[tuple[bytes, bytes]] = []
    refused: list[str] = []
    for raw_name, value in headers.raw:  # bytes: values need not be ASCII
        name = raw_name.decode("latin-1").lower()
        if not name.startswith(FORWARD_PREFIX):
            continue
        upstream_name = name[len(FORWARD_PREFIX) :]
        if not upstream_name or upstream_name in RESTRICTED_HEADERS or upstream_name.startswith(RESTRICTED_PREFIXES):
            refused.append(name)
        else:
            forwarded.append((upstream_name.encode("latin-1"), value))
    if refused:
        raise ApiError(
            400,
            f"restricted header{'s' if len(refused) > 1 else ''} {', '.join(sorted(set(refused)))}: the proxy does not "
            "send these to the upstream API (nor Accept-Encoding, Connection, Content-Length, Cookie, Host, Origin, "
            "Referer, Proxy-* or Sec-* headers)",
        )
    if content_type and not any(name == b"content-type" for name, _ in forwarded):
        forwarded += [(b"content-type", value) for name, value in headers.raw if name.lower() == b"content-type"]
    return httpx.Headers(forwarded)


def target_url(app: App, credentials: Mapping[str, Any], target: str) -> httpx.URL:
    """Where the request goes: `target` resolved against the account's base URL, checked against
    the hosts the app's credentials may be sent to."""
    if app.base_url is None and not app.allowed_domains:
        raise ApiError(400, f"the {app.name} app has no HTTP API the proxy can send requests to")
    try:
        base = app.base_url_for(credentials)
        domains = app.allowed_domains_for(credentials)
    except KeyError as exc:  # a placeholder the account has no value for
        raise ApiError(409, f"the {app.name} account cannot be used with the proxy: {exc.args[0]}") from None
    if base is None and not _is_full(target):
        raise ApiError(
            400, f"the {app.name} app has no base URL for relative paths; send a full https:// URL on {_domain_list(domains)}"
        )
    try:
        url = httpx.URL(target if base is None or _is_full(target) else urljoin(base.rstrip("/") + "/", target))
        base_url = httpx.URL(base) if base else None
    except (httpx.InvalidURL, ValueError):
        raise ApiError(400, f"the target URL {target!r} is not a valid URL or path") from None
    schemes = {"https", base_url.scheme if base_url else "https"}
    if url.scheme not in schemes:
        raise ApiError(400, f"the target URL {target!r} must be an https:// URL")
    hosts = [base_url.host] if base_url else []
    if not any(on_domain(url.host, domain) for domain in [*hosts, *domains]):
        raise ApiError(
            400,
            f"{url.host or target!r} is not a domain the {app.name} app's credentials may be sent to; use "
            f"{'a relative path or ' if base_url else ''}a URL on {_domain_list([*hosts, *domains])}",
        )
    return url


def _is_full(target: str) -> bool:
    """A URL with a scheme or a host (`//host/path`), as opposed to a path."""
    try:
        parts = urlsplit(target)
    except ValueError:  # an unparseable host: a full URL, which httpx then refuses
        return True
    return bool(parts.scheme or parts.netloc)


def _domain_list(domains: list[str]) -> str:
    return ", ".join(dict.fromkeys(domains))


def passed_back(upstream: httpx.Response) -> Response:
    """The upstream's answer for the caller: its status, headers and body as they were."""
    dropped = _NOT_PASSED_BACK | {token.strip().lower() for token in upstream.headers.get("connection", "").split(",")}
    response = Response(content=upstream.content, status_code=upstream.status_code)
    response.raw_headers.extend((name, value) for name, value in upstream.headers.raw if name.decode("latin-1").lower() not in dropped)
    return response


class Proxy:
    def __init__(self, gateway: Gateway) -> None:
        self._accounts = gateway.accounts
        self._catalog = gateway.catalog
        # The runtime's broker: refreshes share its per-account locks.
        self._broker = gateway.runtime.credentials
        self._timeout = gateway.settings.proxy_timeout
        self._egress = gateway.runtime.egress

    async def forward(self, call: Call) -> Response:
        query: ProxyQuery = call.query
        target = decode_target(call.path["url_64"])
        body = await call.request.body()  # its size bounded by BodyLimit
        overlay = forwarded_headers(call.request.headers, content_type=bool(body))
        app, account = await self._account(call, query)
        try:
            credentials = await self._broker.fresh(app, account)
        except AccountUnhealthy as exc:
            raise ApiError(409, _reconnect(app, account.id, exc.reason)) from None
        except RefreshUnavailable as exc:
            raise ApiError(502, f"could not refresh the {app.name} account's access token: {exc}") from None
        url = target_url(app, credentials, target)
        if app.query_credentials:  # an imported app whose key goes in the query string
            url = url.copy_merge_params({name: str(credentials.get(field, "")) for name, field in app.query_credentials})

        deadline = asyncio.get_running_loop().time() + self._timeout

        async def send(auth: Mapping[str, Any]) -> httpx.Response:
            try:
                headers = httpx.Headers(app.headers_for(auth))
            except KeyError as exc:  # an app whose auth headers need a field the account lacks
                raise ApiError(409, f"the {app.name} account has no {exc.args[0]!r}; ask the user to reconnect it") from None
            headers.update(overlay)
            return await self._send(call.request.method, url, headers, body, deadline)

        upstream = await send(credentials)
        # A token revoked or rotated before its expiry: refresh once and retry, as actions do,
        # unless the caller sent its own Authorization.
        if upstream.status_code == 401 and "authorization" not in overlay:
            try:
                fresh = await self._broker.after_unauthorized(app, account, credentials.get("oauth_access_token"))
            except (AccountUnhealthy, RefreshUnavailable):
                fresh = None
            if fresh is not None:
                upstream = await send(fresh)
        logger.debug("proxy %s %s://%s%s -> %s", call.request.method, url.scheme, url.host, url.path, upstream.status_code)
        return passed_back(upstream)

    async def _account(self, call: Call, query: ProxyQuery) -> tuple[App, ResolvedAccount]:
        assert call.project_id is not None and call.environment is not None
        missing = ApiError(
            404,
            f"account {query.account_id} is not an account of user {query.external_user_id!r} in this project's "
            f"{call.environment} environment",
        )
        # The account's app is needed to look it up for this user; the lookup checks the rest.
        found = await self._accounts.reload(query.account_id)
        if found is None or found.project_id != call.project_id:
            raise missing
        try:
            account = await self._accounts.resolve(
                call.project_id, call.environment, query.external_user_id, found.app_slug, query.account_id
            )
        except AccountError:
            raise missing from None
        if account is None:
            raise missing
        app = self._catalog.apps.get(account.app_slug)
        if app is None:
            raise ApiError(409, f"account {query.account_id} is for app {found.app_slug!r}, which this gateway no longer has")
        if not account.healthy:
            raise ApiError(409, _reconnect(app, account.id, account.error))
        return app, account

    async def _send(self, method: str, url: httpx.URL, headers: httpx.Headers, body: bytes, deadline: float) -> httpx.Response:
        try:
            async with asyncio.timeout_at(deadline):
                return await shared_http_client(self._egress).request(
                    method, url, headers=headers, content=body or None, follow_redirects=False, timeout=self._timeout
                )
        except (TimeoutError, httpx.TimeoutException):
            raise ApiError(504, f"{url.host} did not answer within {self._timeout:g} s") from None
        except EgressDenied as exc:
            raise ApiError(403, str(exc)) from None
        except httpx.HTTPError as exc:
            raise ApiError(502, f"could not reach {url.host}: {type(exc).__name__}: {exc or 'connection failed'}") from None
        except Exception:  # the caller gets a 502 naming the host, never a bare 500
            logger.exception("proxy request to %s failed", url.host)
            raise ApiError(502, f"the request to {url.host} failed; see the gateway's log") from None


def _reconnect(app: App, account_id: str, reason: str | None) -> str:
    why = f" ({reason})" if reason else ""
    return f"{app.name} account {account_id} no longer works{why}; ask the user to reconnect their {app.name} account"


def register(api: Api, gateway: Gateway, base_url: Callable[[Request], str]) -> None:
    proxy = Proxy(gateway)
    for method in METHODS:

        async def handler(call: Call) -> Response:
            return await proxy.forward(call)

        # One operation per method, each with its own name (the OpenAPI operationId).
        handler.__name__ = handler.__qualname__ = f"proxy_{method.lower()}"
        api.route(
            method, PATH,
            summary=f"Send a {method} request to an app's API with a user's connected account",
            tag="proxy", query=ProxyQuery, limit="proxy", raw_body=True,
            extra_responses={
                403: "The target resolves to an address this gateway's egress policy refuses",
                409: "The account no longer works or lacks a value its base URL needs",
                413: "The body is larger than 10 MB",
                502: "The upstream API could not be reached",
                504: "The upstream API did not answer in time (30 s by default)",
            },
        )(handler)
