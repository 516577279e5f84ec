"""The HTTP client an action gets for its app: base URL and credentials applied,
vendor errors turned into messages a model can act on."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from mcp_gateway.net import CREDENTIAL_HOSTS, shown_url

from .errors import ActionError, UpstreamError

_BODY_EXCERPT = 500

# Called once when the API answers 401: refreshes the account's credentials and
# returns the new auth headers, or None when there is nothing to refresh.
RefreshHook = Callable[[], Awaitable[dict[str, str] | None]]
# Told of every request sent: the seconds it took, and its response or the error that kept it
# from arriving (the runtime counts them for the gateway's metrics).
RequestHook = Callable[[float, httpx.Response | None, httpx.HTTPError | None], None]


class AppHttp:
    """Thin wrapper over `httpx.AsyncClient` that raises `UpstreamError` on 4xx/5xx.

    Pass `raise_for_status=False` to get the raw response back instead. The app's headers
    (its credentials) go only to the base URL's host and the app's `allowed_domains`; a
    request elsewhere (a presigned upload URL, a link from a response) is sent without them.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        app_name: str,
        headers: dict[str, str] | None = None,
        base_url: str | None = None,
        allowed_domains: Sequence[str] = (),
        on_unauthorized: RefreshHook | None = None,
        on_request: RequestHook | None = None,
    ) -> None:
        self._client = client
        self._app_name = app_name
        self._headers = dict(headers or {})
        self._base_url = base_url.rstrip("/") if base_url else None
        base_host = httpx.URL(self._base_url).host if self._base_url else None
        self._trusted = [d for d in (base_host, *allowed_domains) if d]
        self._on_unauthorized = on_unauthorized
        self._on_request = on_request

    def trusts(self, url: str) -> bool:
        """Whether the app's credentials may be sent to `url`."""
        return self.trusts_host(httpx.URL(url).host)

    def trusts_host(self, host: str) -> bool:
        return any(on_domain(host, domain) for domain in self._trusted)

    @property
    def base_url(self) -> str | None:
        return self._base_url

    def url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        if self._base_url is None:
            raise ValueError(f"{self._app_name} has no base URL; pass a full URL")
        return f"{self._base_url}/{path.lstrip('/')}"

    async def request(self, method: str, path: str, *, raise_for_status: bool = True, **kw: Any) -> httpx.Response:
        url = self.url(path)
        trusted = self.trusts(url)
        headers = {**(self._headers if trusted else {}), **(kw.pop("headers", None) or {})}
        response = await self._send(method, url, headers, kw)
        if response.status_code == 401 and trusted and self._on_unauthorized is not None:
            fresh = await self._on_unauthorized()
            if fresh is not None:
                self._headers.update(fresh)
                headers.update(fresh)
                response = await self._send(method, url, headers, kw)
        if raise_for_status and response.status_code >= 400:
            raise upstream_error(self._app_name, method, response)
        return response

    async def _send(self, method: str, url: str, headers: dict[str, str], kw: dict[str, Any]) -> httpx.Response:
        started = time.perf_counter()
        # A redirect keeps the credentials only while it stays on the app's own hosts.
        extensions = {**(kw.pop("extensions", None) or {}), CREDENTIAL_HOSTS: self.trusts_host}
        try:
            response = await self._client.request(method, url, headers=headers, extensions=extensions, **kw)
        except httpx.InvalidURL as exc:
            raise ActionError(f"{shown_url(url)!r} is not a URL that can be sent to: {exc}") from None
        except httpx.HTTPError as exc:
            if self._on_request is not None:
                self._on_request(time.perf_counter() - started, None, exc)
            raise
        if self._on_request is not None:
            self._on_request(time.perf_counter() - started, response, None)
        return response

    async def get(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("GET", path, **kw)

    async def post(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("POST", path, **kw)

    async def put(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("PUT", path, **kw)

    async def patch(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("PATCH", path, **kw)

    async def delete(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("DELETE", path, **kw)


def on_domain(host: str, domain: str) -> bool:
    """`domain` admits itself and its subdomains; `*.domain` only its subdomains."""
    host, domain = host.lower().rstrip("."), domain.lower().rstrip(".")
    if not host or not domain:
        return False
    if domain.startswith("*."):
        return host.endswith(domain[1:])
    return host == domain or host.endswith("." + domain)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Seconds to wait from `Retry-After`, or from a rate-limit reset time (`x-ratelimit-reset`)."""
    raw = response.headers.get("retry-after")
    if not raw:
        reset = response.headers.get("x-ratelimit-reset")
        if reset and response.headers.get("x-ratelimit-remaining") == "0":
            try:
                return max(0.0, float(reset) - time.time())
            except ValueError:
                return None
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def upstream_error(app_name: str, method: str, response: httpx.Response) -> UpstreamError:
    status = response.status_code
    body = response.text[:_BODY_EXCERPT] if response.content else ""
    detail = _error_detail(response) or body or response.reason_phrase
    where = f"{method} {response.request.url.copy_with(query=None)}"
    retry_after = retry_after_seconds(response)
    message = f"{app_name} API error {status} on {where}: {detail} ({status_hint(app_name, status, retry_after)})"
    return UpstreamError(message, status=status, retry_after=retry_after, body=body)


def status_hint(app_name: str, status: int, retry_after: float | None, hints: Mapping[int, str] | None = None) -> str:
    """What to do about an API's error status; `hints` replaces the generic words for some
    statuses with the app's own (what a 404 means there, say)."""
    if status == 403 and retry_after is not None:
        status = 429  # APIs such as GitHub's answer rate limits with 403
    if hints and status in hints:
        return hints[status]
    if status == 401:
        return "the connected account's credentials were rejected; the user should reconnect the account"
    if status == 403:
        return "the account lacks permission for this operation (missing scope or access)"
    if status == 404:
        return "check that the IDs passed are correct and visible to this account"
    if status == 429:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry later"
        return f"rate limited by {app_name}; {wait}"
    if status >= 500:
        return f"{app_name} had a server error; retrying later may work"
    return "fix the request values named in the message"


def _error_detail(response: httpx.Response) -> str | None:
    """Pull the human part out of common JSON error shapes."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        return None
    if isinstance(data, dict):
        for key in ("message", "error_description", "error", "detail", "errors"):
            value = data.get(key)
            if isinstance(value, dict):
                value = value.get("message") or json.dumps(value)[:_BODY_EXCERPT]
            if isinstance(value, list) and value:
                value = "; ".join(str(v.get("message", v)) if isinstance(v, dict) else str(v) for v in value[:5])
            if value:
                return str(value)[:_BODY_EXCERPT]
    return None
